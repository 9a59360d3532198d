import 'server-only';
import Stripe from 'stripe';
import type { TPaymentsProvider } from './provider';

export type TStripeConfig = { secretKey: string; apiBase?: string | null };

/** A Stripe client; `apiBase` (STRIPE_API_BASE) points it at another host, port and protocol (tests, proxies). */
export function stripeClient(c: TStripeConfig): Stripe {
  const base = c.apiBase ? new URL(c.apiBase) : null;
  return new Stripe(c.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(base
      ? {
          host: base.hostname,
          port: base.port || (base.protocol === 'http:' ? 80 : 443),
          protocol: base.protocol.replace(':', '') as 'http' | 'https',
        }
      : {}),
  });
}

const idOf = (v: string | { id: string } | null | undefined): string | null => (v == null ? null : typeof v === 'string' ? v : v.id);

/** Separate charges and transfers: the platform is charged, the expert's share moves later with transfers.create. */
export function stripeProvider(stripe: Stripe): TPaymentsProvider {
  return {
    mode: 'stripe',
    async createCheckout(i) {
      const metadata = {
        payment_id: i.paymentId,
        ...(i.bookingId ? { booking_id: i.bookingId } : {}),
        ...(i.packagePurchaseId ? { package_purchase_id: i.packagePurchaseId } : {}),
      };
      const s = await stripe.checkout.sessions.create(
        {
          mode: 'payment',
          line_items: [
            {
              quantity: 1,
              price_data: { currency: i.currency.toLowerCase(), unit_amount: i.amountMinor, product_data: { name: i.description } },
            },
          ],
          payment_intent_data: { transfer_group: i.transferGroup, metadata },
          metadata,
          client_reference_id: i.paymentId,
          customer_email: i.customerEmail ?? undefined,
          success_url: i.successUrl,
          cancel_url: i.cancelUrl,
          expires_at: i.expiresAt,
        },
        { idempotencyKey: i.idempotencyKey },
      );
      if (!s.url) throw new Error(`Stripe returned Checkout Session ${s.id} without a url`);
      return { id: s.id, url: s.url };
    },
    async checkoutState(sessionId) {
      const s = await stripe.checkout.sessions.retrieve(sessionId);
      return { paid: s.payment_status === 'paid' || s.payment_status === 'no_payment_required', paymentIntentId: idOf(s.payment_intent) };
    },
    async expireCheckout(sessionId) {
      try {
        await stripe.checkout.sessions.expire(sessionId);
        return true;
      } catch (e) {
        // Only an open session can be expired; a completed one answers 400 — it was paid in the meantime.
        if (e instanceof Stripe.errors.StripeInvalidRequestError) {
          const s = await stripe.checkout.sessions.retrieve(sessionId);
          return s.status === 'expired';
        }
        throw e;
      }
    },
    async chargeInfo(paymentIntentId) {
      const pi = await stripe.paymentIntents.retrieve(paymentIntentId, { expand: ['latest_charge.balance_transaction'] });
      const charge = pi.latest_charge;
      if (!charge) throw new Error(`PaymentIntent ${paymentIntentId} has no charge yet`);
      if (typeof charge === 'string') return { paymentIntentId, chargeId: charge, feeMinor: null, feeRef: null };
      const bt = charge.balance_transaction;
      const fee = bt && typeof bt !== 'string' ? bt.fee : null;
      return { paymentIntentId, chargeId: charge.id, feeMinor: fee, feeRef: idOf(bt) };
    },
    async paymentIdOfIntent(paymentIntentId) {
      const pi = await stripe.paymentIntents.retrieve(paymentIntentId);
      return pi.metadata?.payment_id ?? null;
    },
    async refund(i) {
      const r = await stripe.refunds.create(
        {
          ...(i.paymentIntentId ? { payment_intent: i.paymentIntentId } : { charge: i.chargeId }),
          amount: i.amountMinor,
          metadata: { payment_id: i.paymentId, reason: i.reason.slice(0, 500) },
        },
        { idempotencyKey: i.idempotencyKey },
      );
      const charge = await stripe.charges.retrieve(i.chargeId);
      return { id: r.id, amountMinor: r.amount, status: r.status ?? 'pending', chargeRefundedTotal: charge.amount_refunded };
    },
    async transfer(i) {
      const t = await stripe.transfers.create(
        {
          amount: i.amountMinor,
          currency: i.currency.toLowerCase(),
          destination: i.destination,
          transfer_group: i.transferGroup,
          ...(i.sourceTransaction ? { source_transaction: i.sourceTransaction } : {}),
          metadata: { payment_id: i.paymentId, ...(i.bookingId ? { booking_id: i.bookingId } : {}) },
        },
        { idempotencyKey: i.idempotencyKey },
      );
      return { id: t.id };
    },
    async reverseTransfer(transferId, amountMinor, idempotencyKey) {
      const r = await stripe.transfers.createReversal(transferId, { amount: amountMinor }, { idempotencyKey });
      return { id: r.id };
    },
  };
}
