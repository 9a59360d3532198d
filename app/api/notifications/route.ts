import { NextResponse } from 'next/server';
import { z } from 'zod';
import { ANY_ROLE } from '@/lib/auth/permissions';
import { route, type TAuthedContext } from '@/lib/http/route';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { loadCentre } from '@/lib/notifications/centre';

// GET /api/notifications?page=N – one page of the signed-in user's notifications, newest first, and the unread count
export const GET = route(
  async ({ req, db, user }: TAuthedContext<Record<string, string>>) => {
    const { page } = parseOrThrow(z.object({ page: z.coerce.number('Must be a page number.').int().min(1).max(10_000).default(1) }), {
      page: req.nextUrl.searchParams.get('page') ?? undefined,
    });
    const { items, hasMore, unread } = await loadCentre(db, user, page);
    return NextResponse.json({ items, hasMore, page, unread }, { headers: { 'cache-control': 'private, no-store' } });
  },
  { roles: ANY_ROLE },
);
