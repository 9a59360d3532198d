import { NextResponse } from 'next/server';
import { reviewNoShow } from '@/lib/booking/manage';
import { getBookingDetail } from '@/lib/booking/views';
import { route, type TAuthedContext } from '@/lib/http/route';

// POST /api/admin/bookings/:id/no-show-review – an admin settles the session's no-show report by the room's attendance
export const POST = route(
  async ({ db, user, params }: TAuthedContext<{ id: string }>) => {
    await reviewNoShow(db, user, params.id);
    return NextResponse.json({ booking: await getBookingDetail(db, user, params.id) });
  },
  { roles: ['admin'] },
);
