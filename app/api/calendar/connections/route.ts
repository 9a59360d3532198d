import { NextResponse } from 'next/server';
import { calendarsOverview } from '@/lib/calendar/manage';
import { route } from '@/lib/http/route';

// GET /api/calendar/connections – the signed-in expert's calendar connections (no tokens) and the providers
// they can connect
export const GET = route(
  async ({ db, user }) => NextResponse.json(await calendarsOverview(db, user), { headers: { 'cache-control': 'no-store' } }),
  {
    roles: ['expert'],
  },
);
