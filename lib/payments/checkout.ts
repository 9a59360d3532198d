import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import { assertPayableHold } from '@/lib/booking/lifecycle';
import { appUrl } from '@/lib/booking/participants';
import type { TDb } from '@/lib/db';
import { enqueueJob } from '@/lib/jobs';
import { paymentsProvider } from './get-provider';
import { JOB_EXPIRE_CHECKOUT } from './job-names';
import { quoteFor, toPaymentRow, type TPaymentRow, type TQuote } from './store';

export type TCheckoutStart = { paymentId: string; checkoutUrl: string; mode: 'stripe' | 'simulated'; quote: TQuote } | { already: true };

// Checkout's expires_at must be at least 30 minutes ahead; shorter holds are ended by our own job instead.
const MIN_CHECKOUT_SECONDS = 30 * 60 + 60;

/**
 * Starts paying a live hold: one payments row per booking while it is open (a second click reuses it), priced on
 * the server from the booking row and the commission rules, then a Checkout Session (Stripe: charged to the
 * platform, transfer_group booking_<id>, metadata naming the booking and the payment, idempotency key per
 * payment) or the simulated test-mode page. The expiry job at the hold's end expires the session.
 */
export async function startBookingCheckout(
  db: TDb,
  user: TSessionUser,
  bookingId: string,
  opts: { now?: Date } = {},
): Promise<TCheckoutStart> {
  const booking = await assertPayableHold(db, user, bookingId, opts);
  if (booking === 'already') return { already: true };
  const provider = paymentsProvider();
  const { payment, quote } = await db.transaction(async (tx) => {
    const { rows: open } = await tx.query(
      "select * from public.payments where booking_id = $1 and status = 'open' and mode = $2 order by created_at desc limit 1 for update",
      [bookingId, provider.mode],
    );
    const quote = await quoteFor(tx, Number(booking.price_minor), booking.currency);
    if (open[0]) return { payment: toPaymentRow(open[0]), quote };
    const { rows } = await tx.query(
      `insert into public.payments (booking_id, learner_id, expert_id, mode, amount_minor, commission_minor, currency, transfer_group)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning *`,
      [
        bookingId,
        user.id,
        booking.expert_id,
        provider.mode,
        quote.amountMinor,
        quote.commissionMinor,
        quote.currency,
        `booking_${bookingId}`,
      ],
    );
    await enqueueJob(
      tx,
      JOB_EXPIRE_CHECKOUT,
      { paymentId: rows[0].id },
      { startAfter: new Date(booking.hold_expires_at!), singletonKey: `expire-checkout:${rows[0].id}` },
    );
    return { payment: toPaymentRow(rows[0]), quote };
  });
  if (payment.checkout_url) return { paymentId: payment.id, checkoutUrl: payment.checkout_url, mode: provider.mode, quote };
  const holdEnd = Math.floor(new Date(booking.hold_expires_at!).getTime() / 1000);
  const session = await openCheckoutSession(db, payment, {
    bookingId,
    description: `${booking.duration_minutes}-minute session on Pathwise`,
    customerEmail: user.email,
    successUrl: `${appUrl()}/pay/${payment.id}?returned=1`,
    cancelUrl: `${appUrl()}/pay/${payment.id}?cancelled=1`,
    expiresAt: Math.max(holdEnd, Math.floor(Date.now() / 1000) + MIN_CHECKOUT_SECONDS),
  });
  return { paymentId: payment.id, checkoutUrl: session.url, mode: provider.mode, quote };
}

/**
 * The one place a Checkout Session is made for a payments row (a booking's or a package purchase's): the amount,
 * currency and transfer group come from the row (priced on the server when it was inserted), the metadata names
 * the payment and what it pays for, the idempotency key is per payment (a second call returns the same session),
 * and the session's id and url are stored on the row.
 */
export async function openCheckoutSession(
  db: TDb,
  payment: TPaymentRow,
  i: {
    bookingId?: string | null;
    packagePurchaseId?: string | null;
    description: string;
    customerEmail: string | null;
    successUrl: string;
    cancelUrl: string;
    expiresAt: number;
  },
): Promise<{ id: string; url: string }> {
  const session = await paymentsProvider().createCheckout({
    paymentId: payment.id,
    bookingId: i.bookingId ?? null,
    packagePurchaseId: i.packagePurchaseId ?? null,
    amountMinor: payment.amount_minor,
    currency: payment.currency,
    description: i.description,
    transferGroup: payment.transfer_group,
    customerEmail: i.customerEmail,
    successUrl: i.successUrl,
    cancelUrl: i.cancelUrl,
    expiresAt: i.expiresAt,
    idempotencyKey: `checkout:${payment.id}`,
  });
  await db.query('update public.payments set checkout_session_id = $2, checkout_url = $3, updated_at = now() where id = $1', [
    payment.id,
    session.id,
    session.url,
  ]);
  return session;
}

/**
 * expires_at for a checkout with no hold behind it: at least 31 minutes ahead (Stripe's minimum is 30), rounded up
 * to the next 5 minutes so two clicks a moment apart send the same parameters under the same idempotency key.
 */
export function checkoutExpiresAt(nowMs = Date.now()): number {
  const step = 5 * 60;
  return Math.ceil((Math.floor(nowMs / 1000) + MIN_CHECKOUT_SECONDS) / step) * step;
}

export type { TPaymentRow };
