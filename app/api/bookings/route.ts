import { NextResponse } from 'next/server';
import { z } from 'zod';
import { createHold } from '@/lib/booking/create-hold';
import { withBookingErrors } from '@/lib/booking/errors';
import { getBookingView, listBookings } from '@/lib/booking/views';
import { readJson, route } from '@/lib/http/route';
import { parseOrThrow } from '@/lib/http/zod-fields';

const ZScope = z.object({ scope: z.enum(['upcoming', 'past']).default('upcoming') });

// GET /api/bookings?scope=upcoming|past – the signed-in learner's or expert's sessions
export const GET = route(
  async ({ db, user, req }) => {
    const { scope } = parseOrThrow(ZScope, Object.fromEntries(req.nextUrl.searchParams));
    const bookings = await listBookings(db, user, scope);
    return NextResponse.json({ bookings }, { headers: { 'cache-control': 'no-store' } });
  },
  { roles: ['learner', 'expert'] },
);

// POST /api/bookings – a learner holds a slot (201), or 409 slot_taken with the fresh slots
export const POST = route(
  async ({ db, user, req, requestId }) =>
    withBookingErrors(requestId, async () => {
      const { id } = await createHold(db, user, await readJson(req));
      return NextResponse.json({ booking: await getBookingView(db, user, id) }, { status: 201 });
    }),
  { roles: ['learner'] },
);
