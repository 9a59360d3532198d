import { calendlyRedirectUri } from '@/lib/calendar/calendly/config';
import { oauthStartRoute } from '@/lib/calendar/oauth-routes';

// GET /api/calendar/calendly/start – sends the expert to Calendly's sign-in and consent page; the state travels in an
// httpOnly cookie too, and the callback compares the two
export const GET = oauthStartRoute({ provider: 'calendly', redirectUri: calendlyRedirectUri });
