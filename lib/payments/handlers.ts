import 'server-only';
import type { TPrivilegedTx } from '@/lib/db';
import { logger } from '@/lib/log/logger';
import { onPaymentEvent, type TPaymentEvent } from './event-handlers';
import { paymentsProvider } from './get-provider';
import { applyRefundedTotal, closeDispute, closeUnpaid, openDispute, settlePaid } from './settle';
import { lockPayment, lockPaymentBy, type TPaymentRow } from './store';
import { recordPackageTransfer } from '@/lib/packages/transfer';
import { recordReversal, recordTransfer } from './transfers';

// The payments core's webhook handlers (Stripe's event types; the simulator emits the same objects).

type TObj = Record<string, unknown>;
const str = (v: unknown): string | null =>
  typeof v === 'string' ? v : v && typeof v === 'object' && typeof (v as TObj).id === 'string' ? ((v as TObj).id as string) : null;
const num = (v: unknown): number => (typeof v === 'number' && Number.isSafeInteger(v) ? v : 0);
const meta = (o: TObj): Record<string, string> =>
  o.metadata && typeof o.metadata === 'object' ? (o.metadata as Record<string, string>) : {};

/** The payment an object belongs to: by our metadata, by the processor's ids, or by asking for its PaymentIntent. */
async function findPayment(
  tx: TPrivilegedTx,
  o: { paymentId?: string | null; sessionId?: string | null; intentId?: string | null; chargeId?: string | null },
): Promise<TPaymentRow | null> {
  const uuid = /^[0-9a-f-]{36}$/i;
  if (o.paymentId && uuid.test(o.paymentId)) {
    const p = await lockPayment(tx, o.paymentId);
    if (p) return p;
  }
  if (o.sessionId) {
    const p = await lockPaymentBy(tx, 'checkout_session_id', o.sessionId);
    if (p) return p;
  }
  if (o.chargeId) {
    const p = await lockPaymentBy(tx, 'charge_id', o.chargeId);
    if (p) return p;
  }
  if (o.intentId) {
    const p = await lockPaymentBy(tx, 'payment_intent_id', o.intentId);
    if (p) return p;
    const id = await paymentsProvider().paymentIdOfIntent(o.intentId);
    if (id && uuid.test(id)) return lockPayment(tx, id);
  }
  return null;
}

/** An event about a charge may come before checkout.session.completed: settle from the intent first. */
async function ensureSettled(tx: TPrivilegedTx, p: TPaymentRow, intentId: string | null): Promise<TPaymentRow> {
  if (p.charge_id || !intentId) return p;
  return settlePaid(tx, p, intentId);
}

function ignored(event: TPaymentEvent, why: string) {
  logger().info({ eventId: event.id, type: event.type, why }, 'payments: event ignored');
}

async function onCheckoutCompleted(tx: TPrivilegedTx, event: TPaymentEvent) {
  const s = event.data.object;
  const p = await findPayment(tx, { paymentId: meta(s).payment_id, sessionId: str(s.id) });
  if (!p) return ignored(event, 'no payment');
  if (s.payment_status !== 'paid' && s.payment_status !== 'no_payment_required') return ignored(event, 'not paid yet');
  const intent = str(s.payment_intent);
  if (!intent) return ignored(event, 'no payment intent');
  await settlePaid(tx, p, intent);
}

async function onCheckoutExpired(tx: TPrivilegedTx, event: TPaymentEvent) {
  const s = event.data.object;
  const p = await findPayment(tx, { paymentId: meta(s).payment_id, sessionId: str(s.id) });
  if (!p) return ignored(event, 'no payment');
  await closeUnpaid(tx, p, 'expired', 'checkout expired');
}

async function onPaymentFailed(tx: TPrivilegedTx, event: TPaymentEvent) {
  const pi = event.data.object;
  const p = await findPayment(tx, { paymentId: meta(pi).payment_id, intentId: str(pi.id) });
  if (!p) return ignored(event, 'no payment');
  const closed = await closeUnpaid(tx, p, 'failed', 'payment failed');
  // The Checkout Session stays open after a decline; end it so the released slot cannot be paid for later.
  if (closed && p.checkout_session_id) {
    const { enqueueJob } = await import('@/lib/jobs');
    const { JOB_EXPIRE_CHECKOUT } = await import('./job-names');
    await enqueueJob(tx, JOB_EXPIRE_CHECKOUT, { paymentId: p.id, force: true }, { singletonKey: `expire-checkout:${p.id}:failed` });
  }
}

async function onChargeRefunded(tx: TPrivilegedTx, event: TPaymentEvent) {
  const ch = event.data.object;
  let p = await findPayment(tx, { chargeId: str(ch.id), intentId: str(ch.payment_intent) });
  if (!p) return ignored(event, 'no payment');
  p = await ensureSettled(tx, p, str(ch.payment_intent));
  await applyRefundedTotal(tx, p, num(ch.amount_refunded));
}

async function onDispute(tx: TPrivilegedTx, event: TPaymentEvent) {
  const d = event.data.object;
  let p = await findPayment(tx, { chargeId: str(d.charge), intentId: str(d.payment_intent) });
  if (!p) return ignored(event, 'no payment');
  p = await ensureSettled(tx, p, str(d.payment_intent));
  const id = str(d.id)!;
  if (event.type === 'charge.dispute.created') return void (await openDispute(tx, p, id, num(d.amount)));
  if (d.status === 'won' || d.status === 'lost') await closeDispute(tx, p, id, num(d.amount), d.status === 'won');
}

async function onTransfer(tx: TPrivilegedTx, event: TPaymentEvent) {
  const t = event.data.object;
  const paymentId = meta(t).payment_id;
  let p = paymentId ? await findPayment(tx, { paymentId }) : null;
  if (!p && str(t.id)) p = await lockPaymentBy(tx, 'transfer_id', str(t.id)!);
  if (!p) return ignored(event, 'no payment');
  if (p.package_purchase_id) {
    // A package pays per session: the transfer names its booking (lib/packages/transfer.ts).
    const bookingId = meta(t).booking_id;
    if (!bookingId) return ignored(event, 'package transfer without a booking');
    return void (await recordPackageTransfer(tx, bookingId, str(t.id)!));
  }
  await recordTransfer(tx, p.id, str(t.id)!, num(t.amount));
  const reversals = (t.reversals as { data?: TObj[] } | undefined)?.data ?? [];
  for (const r of reversals) if (str(r.id)) await recordReversal(tx, p.id, str(r.id)!, num(r.amount));
}

let registered = false;
export function registerPaymentHandlers(): void {
  if (registered) return;
  registered = true;
  onPaymentEvent('checkout.session.completed', onCheckoutCompleted);
  onPaymentEvent('checkout.session.async_payment_succeeded', onCheckoutCompleted);
  onPaymentEvent('checkout.session.expired', onCheckoutExpired);
  onPaymentEvent('checkout.session.async_payment_failed', onCheckoutExpired);
  onPaymentEvent('payment_intent.payment_failed', onPaymentFailed);
  onPaymentEvent('charge.refunded', onChargeRefunded);
  onPaymentEvent('charge.dispute.created', onDispute);
  onPaymentEvent('charge.dispute.closed', onDispute);
  onPaymentEvent('transfer.created', onTransfer);
  onPaymentEvent('transfer.updated', onTransfer);
  onPaymentEvent('transfer.reversed', onTransfer);
}
