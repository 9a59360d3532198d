import { NextResponse } from 'next/server';
import { getWeekView } from '@/lib/availability/get-week-view';
import { route, type TAuthedContext } from '@/lib/http/route';

// GET /api/expert/availability/week?start=YYYY-MM-DD – that week's free slots, live bookings and busy blocks, in the expert's zone
export const GET = route(
  async ({ req, db, user }: TAuthedContext<object>) =>
    NextResponse.json({ week: await getWeekView(db, user, Object.fromEntries(req.nextUrl.searchParams)) }),
  { roles: ['expert'] },
);
