import { NextResponse } from 'next/server';
import { ANY_ROLE } from '@/lib/auth/permissions';
import { bookingForActor } from '@/lib/booking/access';
import { withBookingErrors } from '@/lib/booking/errors';
import { getBookingView } from '@/lib/booking/views';
import { AppError } from '@/lib/http/app-error';
import { route, type TAuthedContext } from '@/lib/http/route';
import { startBookingCheckout } from '@/lib/payments/checkout';
import { paymentsProvider } from '@/lib/payments/get-provider';
import { quoteFor } from '@/lib/payments/store';

// GET /api/bookings/:id/pay – what paying costs, before paying: { quote: { amountMinor, commissionMinor, expertMinor, currency }, mode }
export const GET = route(
  async ({ db, user, params }: TAuthedContext<{ id: string }>) => {
    const quote = await db.transaction(async (tx) => {
      const { row, role } = await bookingForActor(tx, user, params.id);
      if (role !== 'learner') throw new AppError('forbidden', 'Only the learner who holds this time pays for it.');
      return quoteFor(tx, Number(row.price_minor), row.currency);
    });
    return NextResponse.json({ quote, mode: paymentsProvider().mode });
  },
  { roles: ANY_ROLE },
);

// POST /api/bookings/:id/pay – starts the checkout of a live hold: { booking, paymentId, checkoutUrl, mode, quote }
// (Stripe Checkout's URL, or the test-mode page /pay/<paymentId>); 410 hold_expired once it lapsed
export const POST = route(
  async ({ db, user, params, requestId }: TAuthedContext<{ id: string }>) =>
    withBookingErrors(requestId, async () => {
      const started = await startBookingCheckout(db, user, params.id);
      const booking = await getBookingView(db, user, params.id);
      return NextResponse.json('already' in started ? { booking } : { booking, ...started });
    }),
  { roles: ANY_ROLE },
);
