import 'server-only';
import { confirmPaidBooking, releaseUnpaidHold } from '@/lib/booking/lifecycle';
import type { TPrivilegedTx } from '@/lib/db';
import { enqueueJob } from '@/lib/jobs';
import { logger } from '@/lib/log/logger';
import { formatMoney } from '@/lib/money/format-money';
import { notifyEvent } from '@/lib/notifications/notify-event';
import { abandonPendingPurchase, activatePaidPurchase } from '@/lib/packages/activate';
import { applyPackageRefund } from '@/lib/packages/refund-credits';
import { paymentsProvider } from './get-provider';
import { JOB_REFUND, JOB_REVERSE_TRANSFER, JOB_TRANSFER } from './job-names';
import { postLedger } from './ledger';
import {
  chargePosting,
  disputeLostPosting,
  disputePosting,
  disputeWonPosting,
  expertDue,
  expertReturned,
  feePosting,
  refundPosting,
  type TPaid,
} from './postings';
import { lockPayment, type TPaymentRow } from './store';

// The payment state machine. Each function runs inside the transaction of one event (or job), with the payment
// row locked, and is idempotent: applying it again, or after a later event already did, changes nothing.
//
//   open ──completed──▶ paid ──refund──▶ partially_refunded ──▶ refunded
//     │  └─expired/failed─▶ expired | failed   (a late completed still settles: paid, then refunded if the slot went)
//   transfer_status: not_due ──booking completed──▶ transferred (or due: no payout account yet)
//                    └─dispute open─▶ held ──won──▶ not_due/due …   lost ──▶ what is left, or not_needed

export const paidOf = (p: TPaymentRow): TPaid => ({
  amountMinor: p.amount_minor,
  commissionMinor: p.commission_minor,
  currency: p.currency,
});
const refs = (p: TPaymentRow, sourceRef: string, memo?: string) => ({
  bookingId: p.booking_id,
  paymentId: p.id,
  expertId: p.expert_id,
  sourceRef,
  memo,
});
export const returnedOf = (p: TPaymentRow) => p.refunded_minor + p.disputed_minor;

/**
 * The charge behind `paymentIntentId` settled this payment: record it, post the charge and the fee, confirm the
 * booking. A booking whose slot went to someone else meanwhile is refunded in full and both sides are told.
 */
export async function settlePaid(tx: TPrivilegedTx, p: TPaymentRow, paymentIntentId: string, now = new Date()): Promise<TPaymentRow> {
  if (p.charge_id) return p;
  const info = await paymentsProvider().chargeInfo(paymentIntentId);
  const status = p.status === 'open' || p.status === 'expired' || p.status === 'failed' ? 'paid' : p.status;
  await tx.query(
    `update public.payments set status = $2, payment_intent_id = $3, charge_id = $4, paid_at = coalesce(paid_at, $5), updated_at = now()
      where id = $1`,
    [p.id, status, info.paymentIntentId, info.chargeId, now],
  );
  const next: TPaymentRow = { ...p, status, payment_intent_id: info.paymentIntentId, charge_id: info.chargeId, paid_at: now };
  await postLedger(tx, chargePosting(paidOf(p), refs(p, info.chargeId)));
  if (info.feeMinor) await postLedger(tx, feePosting(paidOf(p), info.feeMinor, refs(p, info.feeRef ?? info.chargeId, 'processor fee')));
  // A package purchase gets its credits here, from the same event that would confirm a booking.
  if (p.package_purchase_id) await activatePaidPurchase(tx, p.package_purchase_id, now);
  if (!p.booking_id) return next;
  const outcome = await confirmPaidBooking(tx, p.booking_id, { now, paymentMode: p.mode, paymentId: p.id });
  if (outcome === 'lost') await refundLatePayment(tx, next);
  return next;
}

async function refundLatePayment(tx: TPrivilegedTx, p: TPaymentRow): Promise<void> {
  await enqueueJob(
    tx,
    JOB_REFUND,
    {
      paymentId: p.id,
      amountMinor: p.amount_minor,
      reason: 'Paid after the hold expired and the time was booked by someone else',
      key: `late:${p.id}`,
    },
    { singletonKey: `refund:late:${p.id}` },
  );
  await tx.query("update public.bookings set payment_status = 'refund_pending' where id = $1", [p.booking_id]);
  const { rows } = await tx.query<{ starts_at: Date; user_id: string }>(
    'select b.starts_at, e.user_id from public.bookings b join public.expert_profiles e on e.id = b.expert_id where b.id = $1',
    [p.booking_id],
  );
  const amount = formatMoney(p.amount_minor, p.currency);
  if (p.learner_id)
    await notifyEvent(tx, {
      userId: p.learner_id,
      event: 'payment.refunded',
      title: 'Your payment came too late: full refund',
      body: `Your payment of ${amount} arrived after the hold expired, and the time was booked by someone else. We are refunding all of it; pick another time.`,
      link: '/sessions',
    });
  if (rows[0])
    await notifyEvent(tx, {
      userId: rows[0].user_id,
      event: 'payment.refunded',
      title: 'A late payment was refunded',
      body: `A learner paid ${amount} after their hold on ${new Date(rows[0].starts_at).toISOString()} had expired and the time was booked by someone else; the payment is refunded and nothing changes for you.`,
      link: '/sessions',
    });
}

/** The checkout ended unpaid (expired, or the payment failed): the payment closes and the hold is released. */
export async function closeUnpaid(tx: TPrivilegedTx, p: TPaymentRow, status: 'expired' | 'failed', reason: string): Promise<boolean> {
  if (p.status !== 'open') return false;
  await tx.query('update public.payments set status = $2, updated_at = now() where id = $1', [p.id, status]);
  if (p.booking_id) await releaseUnpaidHold(tx, p.booking_id, reason);
  if (p.package_purchase_id) await abandonPendingPurchase(tx, p.package_purchase_id);
  return true;
}

/**
 * The processor says `totalRefunded` of the charge has been refunded (charge.amount_refunded, or our own refund's
 * result). Posts the part not yet posted — refunds are only ever added, so events in any order and our own
 * call racing its webhook converge on one posting per step — and pulls the expert's part back if it was transferred.
 */
export async function applyRefundedTotal(
  tx: TPrivilegedTx,
  p: TPaymentRow,
  totalRefunded: number,
  sourceRef?: string,
  memo?: string,
): Promise<TPaymentRow> {
  const delta = totalRefunded - p.refunded_minor;
  if (delta <= 0 || !p.charge_id) return p;
  const returnedBefore = returnedOf(p);
  const ref = sourceRef ?? `${p.charge_id}:refunded:${totalRefunded}`;
  // A package's refund follows the package's split and voids the credits it pays for (lib/packages/refund-credits.ts);
  // its expert share of unused credits was never transferred, so nothing is reversed.
  if (p.package_purchase_id) await applyPackageRefund(tx, p, delta, ref, memo);
  else await postLedger(tx, refundPosting(paidOf(p), returnedBefore, delta, refs(p, ref, memo)));
  const fully = returnedBefore + delta >= p.amount_minor;
  const status = fully ? 'refunded' : 'partially_refunded';
  await tx.query('update public.payments set refunded_minor = $2, status = $3, updated_at = now() where id = $1', [
    p.id,
    totalRefunded,
    status,
  ]);
  if (p.booking_id) await tx.query('update public.bookings set payment_status = $2 where id = $1', [p.booking_id, status]);
  const next = { ...p, refunded_minor: totalRefunded, status } as TPaymentRow;
  if (p.package_purchase_id) return notifyRefund(tx, next, delta);
  const expertPart = expertReturned(paidOf(p), returnedBefore + delta) - expertReturned(paidOf(p), returnedBefore);
  await afterReturn(tx, next, expertPart, ref);
  return notifyRefund(tx, next, delta);
}

async function notifyRefund(tx: TPrivilegedTx, p: TPaymentRow, delta: number): Promise<TPaymentRow> {
  if (p.learner_id)
    await notifyEvent(tx, {
      userId: p.learner_id,
      event: 'payment.refunded',
      title: `Refund of ${formatMoney(delta, p.currency)}`,
      body: `${formatMoney(delta, p.currency)} of your ${formatMoney(p.amount_minor, p.currency)} payment is on its way back to you.${p.mode === 'simulated' ? ' (Test mode: no card was charged.)' : ''}`,
      link: '/sessions',
    });
  return p;
}

/** After money went back to the learner: reverse that part of a transfer that already happened, or shrink what is due. */
async function afterReturn(tx: TPrivilegedTx, p: TPaymentRow, expertPart: number, key: string): Promise<void> {
  if (p.package_purchase_id && p.transfer_id) {
    // A package pays per session (lib/packages/transfer.ts): transfer_id is only the latest session's, so nothing
    // is reversed from it automatically; an admin decides (docs/payments.md, "Packages").
    logger().warn({ paymentId: p.id, expertPart }, 'payments: package money returned after session transfers; no automatic reversal');
    return;
  }
  if (p.transfer_status === 'transferred' || p.transfer_status === 'partially_reversed') {
    if (expertPart > 0)
      await enqueueJob(
        tx,
        JOB_REVERSE_TRANSFER,
        { paymentId: p.id, amountMinor: expertPart, key: `reverse:${key}` },
        { singletonKey: `reverse:${key}` },
      );
    return;
  }
  if (expertDue(paidOf(p), returnedOf(p)) <= 0 && p.transfer_status !== 'not_needed')
    await tx.query("update public.payments set transfer_status = 'not_needed', updated_at = now() where id = $1", [p.id]);
}

/** Open dispute: the amount is held by Stripe, admins see the flag, and no transfer happens while it is open. */
export async function openDispute(tx: TPrivilegedTx, p: TPaymentRow, disputeId: string, amountMinor: number): Promise<TPaymentRow> {
  const posted = await postLedger(tx, disputePosting(paidOf(p), amountMinor, refs(p, disputeId, 'dispute opened')));
  if (!posted && p.dispute_id === disputeId) return p;
  const hold = p.transfer_status === 'not_due' || p.transfer_status === 'due';
  await tx.query(
    `update public.payments set dispute_status = coalesce(dispute_status, 'open'), dispute_id = $2,
            transfer_status = case when $3 then 'held' else transfer_status end, updated_at = now() where id = $1`,
    [p.id, disputeId, hold],
  );
  logger().warn({ paymentId: p.id, disputeId }, 'payments: dispute opened; transfer held');
  return (await lockPayment(tx, p.id))!;
}

export async function closeDispute(tx: TPrivilegedTx, p: TPaymentRow, disputeId: string, amountMinor: number, won: boolean): Promise<void> {
  p = await openDispute(tx, p, disputeId, amountMinor); // closed may arrive first: post the opening too
  if (p.dispute_status === 'won' || p.dispute_status === 'lost') return;
  if (won) {
    await postLedger(tx, disputeWonPosting(paidOf(p), amountMinor, refs(p, disputeId, 'dispute won')));
    await tx.query("update public.payments set dispute_status = 'won', updated_at = now() where id = $1", [p.id]);
  } else {
    const returnedBefore = returnedOf(p);
    const amount = Math.min(amountMinor, p.amount_minor - returnedBefore);
    await postLedger(tx, disputeLostPosting(paidOf(p), returnedBefore, amount, refs(p, disputeId, 'dispute lost')));
    // What was refunded while the dispute was open is not lost twice: that part of the held amount is released.
    if (amountMinor > amount)
      await postLedger(
        tx,
        disputeWonPosting(paidOf(p), amountMinor - amount, refs(p, `${disputeId}:released`, 'dispute lost: refunded part released')),
      );
    await tx.query(
      "update public.payments set dispute_status = 'lost', disputed_minor = disputed_minor + $2, updated_at = now() where id = $1",
      [p.id, amount],
    );
    const expertPart = expertReturned(paidOf(p), returnedBefore + amount) - expertReturned(paidOf(p), returnedBefore);
    p = { ...p, disputed_minor: p.disputed_minor + amount };
    await afterReturn(tx, p, expertPart, disputeId);
  }
  const now = (await lockPayment(tx, p.id))!;
  if (now.transfer_status === 'held') {
    await tx.query("update public.payments set transfer_status = 'not_due', updated_at = now() where id = $1", [p.id]);
    await enqueueJob(tx, JOB_TRANSFER, { paymentId: p.id }, { singletonKey: `transfer:${p.id}:after-dispute` });
  }
}
