import { calendlyRedirectUri } from '@/lib/calendar/calendly/config';
import { oauthCallbackRoute } from '@/lib/calendar/oauth-routes';

// GET /api/calendar/calendly/callback?code&state – Calendly sends the expert back here; the connection is stored
// and its first sync queued, then the expert lands on the availability page with the outcome in the address
export const GET = oauthCallbackRoute({ provider: 'calendly', redirectUri: calendlyRedirectUri });
