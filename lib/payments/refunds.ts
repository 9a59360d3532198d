import 'server-only';
import type { TDb } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { paymentsProvider } from './get-provider';
import { applyRefundedTotal, returnedOf } from './settle';
import { lockPayment, readPayment, type TPaymentRow } from './store';
import { unusedValueMinor } from '@/lib/packages/pricing';
import type { TQueryable } from '@/lib/db';

export type TRefundRequest = { paymentId: string; amountMinor: number; reason: string; key: string; actorId?: string | null };

/**
 * Refunds part or all of a paid payment: refunds.create with the caller's idempotency key (a retried job or a
 * double-clicked dialog makes one refund), then the refunded total is applied under the payment's lock, which
 * posts the ledger, mirrors the booking and queues the transfer reversal if the expert was already paid.
 * Never more than what is left (refunds and lost disputes included). Returns the amount refunded (0: nothing left).
 */
export async function refundPayment(db: TDb, r: TRefundRequest): Promise<{ refundId: string | null; amountMinor: number }> {
  if (!Number.isSafeInteger(r.amountMinor) || r.amountMinor <= 0)
    throw new AppError('invalid_input', 'Enter an amount above zero.', {
      amountMinor: 'Must be a whole number of minor units above zero.',
    });
  const p = await readPayment(db, r.paymentId);
  if (!p) throw new AppError('not_found', 'No such payment.');
  const memo = `refund key ${r.key}`;
  const { rows: done } = await db.query(
    "select 1 from public.ledger_entries where payment_id = $1 and kind = 'refund' and memo = $2 limit 1",
    [p.id, memo],
  );
  if (done.length) return { refundId: null, amountMinor: 0 }; // a retried job after its refund was applied
  if (!p.charge_id || !['paid', 'partially_refunded'].includes(p.status))
    throw new AppError('conflict', `This payment is ${p.status.replace('_', ' ')} and cannot be refunded.`);
  const left = p.amount_minor - returnedOf(p);
  if (r.amountMinor > left)
    throw new AppError('invalid_input', `At most ${left} can still be refunded.`, { amountMinor: `At most ${left} is left to refund.` });
  if (p.package_purchase_id) await assertPackageRefundable(db, p, r.amountMinor);
  const refund = await paymentsProvider().refund({
    chargeId: p.charge_id,
    paymentIntentId: p.payment_intent_id,
    amountMinor: r.amountMinor,
    paymentId: p.id,
    reason: r.reason,
    idempotencyKey: `refund:${r.key}`,
  });
  await db.transaction(async (tx) => {
    const now = (await lockPayment(tx, p.id))!;
    if (refund.chargeRefundedTotal !== null) {
      await applyRefundedTotal(tx, now, refund.chargeRefundedTotal, undefined, memo);
    } else {
      // The simulator has no charge to re-read: the refund's own id makes a retried job a no-op.
      const { rows } = await tx.query("select 1 from public.ledger_entries where source_ref = $1 and kind = 'refund' limit 1", [refund.id]);
      if (!rows.length) await applyRefundedTotal(tx, now, now.refunded_minor + refund.amountMinor, refund.id, memo);
    }
    if (r.actorId !== undefined)
      await tx.query(
        `insert into public.audit_log (actor_id, action, subject_type, subject_id, reason, data) values ($1, 'payment.refund', 'payment', $2, $3, $4)`,
        [r.actorId, p.id, r.reason, JSON.stringify({ amountMinor: r.amountMinor, currency: p.currency, refundId: refund.id })],
      );
  });
  return { refundId: refund.id, amountMinor: r.amountMinor };
}

/**
 * The package refund policy (docs/payments.md, "Packages"): only unused credits are refunded as money, at their
 * pro-rata value P − ⌊P·used/N⌋ less earlier refunds; booked, delivered and forfeited sessions are not.
 */
async function assertPackageRefundable(db: TQueryable, p: TPaymentRow, amountMinor: number): Promise<void> {
  const { rows } = await db.query<{ session_count: number; sessions_used: number }>(
    'select session_count, sessions_used from public.package_purchases where id = $1',
    [p.package_purchase_id],
  );
  if (!rows[0]) return;
  const cap = unusedValueMinor({
    priceMinor: p.amount_minor,
    count: rows[0].session_count,
    used: rows[0].sessions_used,
    refundedMinor: p.refunded_minor,
  });
  if (amountMinor > cap) {
    const used = rows[0].sessions_used;
    const why = `At most ${cap} can be refunded: the value of the unused sessions${used ? ` (${used} of ${rows[0].session_count} already used)` : ''}.`;
    throw new AppError('invalid_input', why, { amountMinor: why });
  }
}
