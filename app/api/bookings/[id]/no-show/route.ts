import { NextResponse } from 'next/server';
import { reportNoShow } from '@/lib/booking/manage';
import { getBookingView } from '@/lib/booking/views';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';

// POST /api/bookings/:id/no-show – the learner or the expert reports the other side absent
export const POST = route(
  async ({ db, user, params, req }: TAuthedContext<{ id: string }>) => {
    await reportNoShow(db, user, params.id, await readJson(req));
    return NextResponse.json({ booking: await getBookingView(db, user, params.id) });
  },
  { roles: ['learner', 'expert'] },
);
