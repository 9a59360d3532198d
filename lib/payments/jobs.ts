import 'server-only';
import { onBookingChange, type TBookingChangeJob } from '@/lib/booking/after-change';
import type { TDb } from '@/lib/db';
import { defineJob, enqueueJob } from '@/lib/jobs';
import { paymentsProvider } from './get-provider';
import { registerPaymentHandlers } from './handlers';
import { JOB_BOOKING_CHANGE, JOB_EXPIRE_CHECKOUT, JOB_REFUND, JOB_REVERSE_TRANSFER, JOB_TRANSFER } from './job-names';
import { percentOf } from './postings';
import { refundPayment } from './refunds';
import { closeUnpaid, returnedOf } from './settle';
import { lockPayment, readPayment, toPaymentRow } from './store';
import { reverseTransfer, runTransfer } from './transfers';

/**
 * At the hold's end: expire the Checkout Session (Checkout's own expires_at cannot be under 30 minutes) and
 * release the slot. A session that can no longer be expired was paid meanwhile: its completed event settles it
 * (and refunds it if the slot is gone).
 */
export async function expireCheckout(db: TDb, paymentId: string, opts: { force?: boolean; now?: Date } = {}): Promise<boolean> {
  const p = await readPayment(db, paymentId);
  if (!p || (p.status !== 'open' && !(opts.force && p.status === 'failed'))) return false;
  if (!opts.force && p.booking_id) {
    const { rows } = await db.query<{ status: string; hold_expires_at: Date | null }>(
      'select status, hold_expires_at from public.bookings where id = $1',
      [p.booking_id],
    );
    const live = rows[0]?.status === 'held' && rows[0].hold_expires_at && new Date(rows[0].hold_expires_at) > (opts.now ?? new Date());
    if (live) return false;
  }
  if (p.checkout_session_id && !(await paymentsProvider().expireCheckout(p.checkout_session_id))) return false;
  return db.transaction(async (tx) => {
    const now = await lockPayment(tx, paymentId);
    return !!now && (await closeUnpaid(tx, now, 'expired', 'hold expired'));
  });
}

/** A booking changed: transfer after completion, refund per policy after a cancellation. */
export async function onPaymentsBookingChange(db: TDb, job: TBookingChangeJob): Promise<void> {
  const { rows } = await db.query('select * from public.payments where booking_id = $1 and charge_id is not null order by created_at', [
    job.bookingId,
  ]);
  for (const p of rows.map(toPaymentRow)) {
    if (job.change === 'completed') await runTransfer(db, p.id);
    if (job.change === 'cancelled') {
      const { rows: b } = await db.query<{ refund_percent: number | null }>('select refund_percent from public.bookings where id = $1', [
        job.bookingId,
      ]);
      const pct = b[0]?.refund_percent ?? 0;
      const amount = Math.min(percentOf(p.amount_minor, pct), p.amount_minor - returnedOf(p));
      if (pct > 0 && amount > 0)
        await refundPayment(db, {
          paymentId: p.id,
          amountMinor: amount,
          reason: `Cancelled: ${pct} % refund per the policy`,
          key: `cancel:${job.bookingId}:${job.sequence}`,
        });
      else if (p.booking_id)
        await db.query("update public.bookings set payment_status = 'paid' where id = $1 and payment_status = 'refund_pending'", [
          p.booking_id,
        ]);
    }
  }
}

let registered = false;

/** The payments core's jobs, its booking-change listener and its webhook handlers (lib/jobs/definitions.ts). */
export function registerPaymentJobs(): void {
  if (registered) return;
  registered = true;
  registerPaymentHandlers();
  defineJob<{ paymentId: string; force?: boolean }>(JOB_EXPIRE_CHECKOUT, async (d, { db }) => {
    await expireCheckout(db, d.paymentId, { force: d.force });
  });
  defineJob<TBookingChangeJob>(JOB_BOOKING_CHANGE, async (d, { db }) => onPaymentsBookingChange(db, d));
  defineJob<{ paymentId: string; amountMinor: number; reason: string; key: string }>(JOB_REFUND, async (d, { db }) => {
    const p = await readPayment(db, d.paymentId);
    if (!p) return;
    const amount = Math.min(d.amountMinor, p.amount_minor - returnedOf(p));
    if (amount > 0) await refundPayment(db, { paymentId: d.paymentId, amountMinor: amount, reason: d.reason, key: d.key });
  });
  defineJob<{ paymentId: string }>(JOB_TRANSFER, async (d, { db }) => void (await runTransfer(db, d.paymentId)));
  defineJob<{ paymentId: string; amountMinor: number; key: string }>(JOB_REVERSE_TRANSFER, async (d, { db }) =>
    reverseTransfer(db, d.paymentId, d.amountMinor, d.key),
  );
  onBookingChange(JOB_BOOKING_CHANGE);
}

/** For the Connect module: queue the transfers that waited for an expert's payout account. */
export async function enqueueDueTransfers(db: TDb, expertId: string): Promise<number> {
  const { rows } = await db.query<{ id: string }>("select id from public.payments where expert_id = $1 and transfer_status = 'due'", [
    expertId,
  ]);
  for (const r of rows) await enqueueJob(db, JOB_TRANSFER, { paymentId: r.id }, { singletonKey: `transfer:${r.id}:due` });
  return rows.length;
}
