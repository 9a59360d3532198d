import { NextResponse } from 'next/server';
import { withBookingErrors } from '@/lib/booking/errors';
import { getBookingView } from '@/lib/booking/views';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { redeemCredit } from '@/lib/packages/redeem';
import { getPurchase } from '@/lib/packages/views';

// POST /api/packages/purchases/:id/redeem { bookingId } – confirms the learner's live hold with one credit
// → { booking, purchase }; 409 when no credit is left; 410 hold_expired once the hold lapsed
export const POST = route(
  async ({ db, user, req, params, requestId }: TAuthedContext<{ id: string }>) =>
    withBookingErrors(requestId, async () => {
      const body = await readJson(req);
      await redeemCredit(db, user, params.id, body);
      const bookingId = (body as { bookingId: string }).bookingId;
      return NextResponse.json({ booking: await getBookingView(db, user, bookingId), purchase: await getPurchase(db, user, params.id) });
    }),
  { roles: ['learner'] },
);
