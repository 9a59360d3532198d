import { NextResponse } from 'next/server';
import { route } from '@/lib/http/route';
import { listPurchases } from '@/lib/packages/views';

// GET /api/packages/purchases – the learner's packages with their remaining sessions, or the expert's sales
export const GET = route(
  async ({ db, user }) => NextResponse.json({ purchases: await listPurchases(db, user) }, { headers: { 'cache-control': 'no-store' } }),
  { roles: ['learner', 'expert'] },
);
