import { NextResponse } from 'next/server';
import { ANY_ROLE } from '@/lib/auth/permissions';
import { withUser } from '@/lib/db';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { markRead } from '@/lib/notifications/unread';

// POST /api/notifications/read { ids: uuid[] } | { all: true } – mark one's own notifications read; every tab gets the new count
export const POST = route(
  async ({ req, db, user }: TAuthedContext<Record<string, string>>) => {
    const body = await readJson(req);
    const result = await markRead((fn) => withUser(db, user, fn), db, user.id, body);
    return NextResponse.json(result);
  },
  { roles: ANY_ROLE },
);
