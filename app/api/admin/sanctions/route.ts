import { NextResponse } from 'next/server';
import { route, type TAuthedContext } from '@/lib/http/route';
import { loadSanctions } from '@/lib/admin/load-admin-pages';

// GET /api/admin/sanctions – sanctions, pending appeals first
export const GET = route(
  async ({ db, user }: TAuthedContext<Record<string, string>>) => NextResponse.json({ sanctions: await loadSanctions(db, user) }),
  { roles: ['admin'] },
);
