import { NextResponse } from 'next/server';
import { withUser } from '@/lib/db';
import { route, type TAuthedContext } from '@/lib/http/route';
import { listSanctions } from '@/lib/policy/sanctions';

// GET /api/admin/sanctions – sanctions, pending appeals first
export const GET = route(
  async ({ db, user }: TAuthedContext<Record<string, string>>) => NextResponse.json({ sanctions: await withUser(db, user, (tx) => listSanctions(tx)) }),
  { roles: ['admin'] },
);
