import { NextResponse } from 'next/server';
import { withBookingErrors } from '@/lib/booking/errors';
import { payBooking } from '@/lib/booking/lifecycle';
import { getBookingView } from '@/lib/booking/views';
import { route, type TAuthedContext } from '@/lib/http/route';
import { ANY_ROLE } from '@/lib/auth/permissions';

// POST /api/bookings/:id/pay – the simulated payment confirms a live hold; 410 hold_expired once it lapsed
export const POST = route(
  async ({ db, user, params, requestId }: TAuthedContext<{ id: string }>) =>
    withBookingErrors(requestId, async () => {
      await payBooking(db, user, params.id);
      return NextResponse.json({ booking: await getBookingView(db, user, params.id) });
    }),
  { roles: ANY_ROLE },
);
