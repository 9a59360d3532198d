import { NextResponse } from 'next/server';
import { z } from 'zod';
import { ANY_ROLE } from '@/lib/auth/permissions';
import { withUser } from '@/lib/db';
import { route, type TAuthedContext } from '@/lib/http/route';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { pageNotifications } from '@/lib/notifications/list-notifications';
import { unreadCount } from '@/lib/notifications/unread';

// GET /api/notifications?page=N – one page of the signed-in user's notifications, newest first, and the unread count
export const GET = route(
  async ({ req, db, user }: TAuthedContext<Record<string, string>>) => {
    const { page } = parseOrThrow(z.object({ page: z.coerce.number('Must be a page number.').int().min(1).max(10_000).default(1) }), {
      page: req.nextUrl.searchParams.get('page') ?? undefined,
    });
    const result = await withUser(db, user, async (tx) => ({
      ...(await pageNotifications(tx, user.id, { page })),
      unread: await unreadCount(tx, user.id),
    }));
    return NextResponse.json(result);
  },
  { roles: ANY_ROLE },
);
