import { googleRedirectUri } from '@/lib/calendar/google/provider';
import { oauthStartRoute } from '@/lib/calendar/oauth-routes';

// GET /api/calendar/google/start – sends the expert to Google's consent page (offline access, incremental
// consent); the state travels in an httpOnly cookie too, and the callback compares the two
export const GET = oauthStartRoute({ provider: 'google', redirectUri: googleRedirectUri });
