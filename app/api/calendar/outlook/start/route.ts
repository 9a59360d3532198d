import { outlookRedirectUri } from '@/lib/calendar/outlook/config';
import { oauthStartRoute } from '@/lib/calendar/oauth-routes';

// GET /api/calendar/outlook/start – sends the expert to Microsoft's sign-in and consent page; the state travels in an
// httpOnly cookie too, and the callback compares the two
export const GET = oauthStartRoute({ provider: 'outlook', redirectUri: outlookRedirectUri });
