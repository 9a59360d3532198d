import { NextResponse } from 'next/server';
import { getBookingDetail } from '@/lib/booking/views';
import { route, type TAuthedContext } from '@/lib/http/route';
import { ANY_ROLE } from '@/lib/auth/permissions';

// GET /api/bookings/:id – one session with its history (participants and admins; others 404)
export const GET = route(
  async ({ db, user, params }: TAuthedContext<{ id: string }>) =>
    NextResponse.json({ booking: await getBookingDetail(db, user, params.id) }, { headers: { 'cache-control': 'no-store' } }),
  { roles: ANY_ROLE },
);
