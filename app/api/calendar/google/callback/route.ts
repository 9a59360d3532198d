import { googleRedirectUri } from '@/lib/calendar/google/provider';
import { oauthCallbackRoute } from '@/lib/calendar/oauth-routes';

// GET /api/calendar/google/callback?code&state – Google sends the expert back here; the connection is stored
// and its first sync queued, then the expert lands on the availability page with the outcome in the address
export const GET = oauthCallbackRoute({ provider: 'google', redirectUri: googleRedirectUri });
