import { NextResponse } from 'next/server';
import { ANY_ROLE } from '@/lib/auth/permissions';
import { withUser } from '@/lib/db';
import { route, type TAuthedContext } from '@/lib/http/route';
import { unreadCount } from '@/lib/notifications/unread';
import { getRealtimeInfo } from '@/lib/realtime/get-realtime-info';

// GET /api/notifications/unread – the bell's count, with where to connect for live updates and the sequence it
// is current at (fetched by the header after hydration, so rendering a page costs no query for it)
export const GET = route(
  async ({ db, user }: TAuthedContext<Record<string, string>>) => {
    const result = await withUser(db, user, async (tx) => {
      const info = await getRealtimeInfo(tx, user.id);
      return { unread: await unreadCount(tx, user.id), ...info };
    });
    return NextResponse.json(result, { headers: { 'cache-control': 'private, no-store' } });
  },
  { roles: ANY_ROLE },
);
