import { NextResponse } from 'next/server';
import { cancelBooking } from '@/lib/booking/manage';
import { getBookingView } from '@/lib/booking/views';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { ANY_ROLE } from '@/lib/auth/permissions';

// POST /api/bookings/:id/cancel – either side (or an admin) cancels under the marketplace policy
export const POST = route(
  async ({ db, user, params, req }: TAuthedContext<{ id: string }>) => {
    await cancelBooking(db, user, params.id, await readJson(req));
    return NextResponse.json({ booking: await getBookingView(db, user, params.id) });
  },
  { roles: ANY_ROLE },
);
