import { outlookRedirectUri } from '@/lib/calendar/outlook/config';
import { oauthCallbackRoute } from '@/lib/calendar/oauth-routes';

// GET /api/calendar/outlook/callback?code&state – Outlook sends the expert back here; the connection is stored
// and its first sync queued, then the expert lands on the availability page with the outcome in the address
export const GET = oauthCallbackRoute({ provider: 'outlook', redirectUri: outlookRedirectUri });
