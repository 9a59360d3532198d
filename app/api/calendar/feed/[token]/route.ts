import { z } from 'zod';
import { consumeFeedFetch, renderFeed } from '@/lib/calendar/ics-feed';
import { AppError } from '@/lib/http/app-error';
import { route, type TRouteContext } from '@/lib/http/route';

// GET /api/calendar/feed/:token(.ics) – a user's private session feed for calendar apps (no session cookie:
// the token is the credential). Unknown, malformed and revoked tokens all answer 404. Rate-limited per IP and token.
export const GET = route(
  async ({ db, params, ip }: TRouteContext<{ token: string }>) => {
    const token = params.token.replace(/\.ics$/i, '');
    await consumeFeedFetch(ip, token);
    const body = await renderFeed(db, token);
    if (body === null) throw new AppError('not_found', 'This calendar feed does not exist or was revoked.');
    return new Response(body, {
      headers: {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': 'inline; filename="pathwise-sessions.ics"',
        'cache-control': 'private, no-store',
        'x-robots-tag': 'noindex',
      },
    });
  },
  { params: z.object({ token: z.string().min(1).max(100) }) },
);
