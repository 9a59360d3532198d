import { NextResponse } from 'next/server';
import { ANY_ROLE } from '@/lib/auth/permissions';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { markReadFor } from '@/lib/notifications/centre';

// POST /api/notifications/read { ids: uuid[] } | { all: true } – mark one's own notifications read; every tab gets the new count
export const POST = route(
  async ({ req, db, user }: TAuthedContext<Record<string, string>>) => NextResponse.json(await markReadFor(db, user, await readJson(req))),
  { roles: ANY_ROLE },
);
