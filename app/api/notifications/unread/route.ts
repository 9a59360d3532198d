import { NextResponse } from 'next/server';
import { ANY_ROLE } from '@/lib/auth/permissions';
import { route, type TAuthedContext } from '@/lib/http/route';
import { loadUnread } from '@/lib/notifications/centre';

// GET /api/notifications/unread – the bell's count, with where to connect for live updates and the sequence it
// is current at (fetched by the header after hydration, so rendering a page costs no query for it)
export const GET = route(
  async ({ db, user }: TAuthedContext<Record<string, string>>) =>
    NextResponse.json(await loadUnread(db, user), { headers: { 'cache-control': 'private, no-store' } }),
  { roles: ANY_ROLE },
);
