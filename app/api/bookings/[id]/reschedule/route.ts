import { NextResponse } from 'next/server';
import { withBookingErrors } from '@/lib/booking/errors';
import { rescheduleBooking } from '@/lib/booking/manage';
import { getBookingView } from '@/lib/booking/views';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { ANY_ROLE } from '@/lib/auth/permissions';

// POST /api/bookings/:id/reschedule – the same booking at another offered start; 409 slot_taken with fresh slots
export const POST = route(
  async ({ db, user, params, req, requestId }: TAuthedContext<{ id: string }>) =>
    withBookingErrors(requestId, async () => {
      await rescheduleBooking(db, user, params.id, await readJson(req));
      return NextResponse.json({ booking: await getBookingView(db, user, params.id) });
    }),
  { roles: ANY_ROLE },
);
