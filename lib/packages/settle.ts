import 'server-only';
import type { TDb, TPrivilegedTx } from '@/lib/db';
import type { TBookingChangeJob } from '@/lib/booking/after-change';
import { notifyEvent } from '@/lib/notifications/notify-event';
import { postSessionTransfer } from './money';
import { creditOnCancel, creditsLeft } from './pricing';
import { lockPurchase, purchasePayment, type TPurchaseRow } from './purchase';
import { transferPackageSession } from './transfer';

// What a booking change means for a booking paid with a credit (run by the packages.booking-change job, queued
// by afterBookingChange in the booking's own transaction). Each step checks the package_sessions row's state
// under lock, so a job run twice changes nothing the second time.
//   completed → the session is earned: the expert's pro-rata share of it is transferred now (simulated: a
//               sim_tr_pkg_ posting here; Stripe: a real transfer after this transaction, lib/packages/transfer.ts,
//               also retried when the job runs again).
//   cancelled → refund_percent 100 (policy: in time, by the expert, by an admin): the credit comes back;
//               anything less: the credit is forfeited and the session counts as delivered (earned).
//   no_show   → left booked: the report is settled by an admin (docs/payments.md, "Packages").

export async function settlePackageBooking(db: TDb, job: TBookingChangeJob): Promise<'returned' | 'forfeited' | 'earned' | null> {
  if (job.change !== 'completed' && job.change !== 'cancelled') return null;
  const outcome = await settleCredit(db, job);
  await transferPackageSession(db, job.bookingId);
  return outcome;
}

async function settleCredit(db: TDb, job: TBookingChangeJob): Promise<'returned' | 'forfeited' | 'earned' | null> {
  return db.transaction(async (tx) => {
    const { rows: link } = await tx.query<{ purchase_id: string }>(
      'select purchase_id from public.package_sessions where booking_id = $1',
      [job.bookingId],
    );
    if (!link[0]) return null;
    const pur = await lockPurchase(tx, link[0].purchase_id);
    const { rows } = await tx.query<{ state: string; status: string; refund_percent: number | null }>(
      `select s.state, b.status, b.refund_percent from public.package_sessions s join public.bookings b on b.id = s.booking_id
        where s.booking_id = $1 for update of s`,
      [job.bookingId],
    );
    const s = rows[0];
    if (!pur || !s || s.state !== 'booked') return null;
    if (s.status === 'completed') {
      await earn(tx, pur, job.bookingId, 'earned');
      return 'earned';
    }
    if (s.status !== 'cancelled') return null;
    const outcome = creditOnCancel(s.refund_percent);
    if (outcome === 'forfeited') {
      await earn(tx, pur, job.bookingId, 'forfeited');
      return 'forfeited';
    }
    await tx.query("update public.package_sessions set state = 'returned', settled_at = now() where booking_id = $1", [job.bookingId]);
    await tx.query('update public.package_purchases set sessions_used = sessions_used - 1 where id = $1', [pur.id]);
    await tx.query("update public.bookings set payment_status = 'refunded' where id = $1", [job.bookingId]);
    if (pur.learner_id)
      await notifyEvent(tx, {
        userId: pur.learner_id,
        event: 'payment.refunded',
        title: 'Package session returned',
        body: `The cancelled session went back to your package “${pur.title}”: ${creditsLeft({ count: pur.session_count, used: pur.sessions_used - 1, refunded: pur.sessions_refunded })} left.`,
        link: '/sessions',
      });
    return 'returned';
  });
}

/** The session's place in the pro-rata split is the number of sessions delivered before it. */
async function earn(tx: TPrivilegedTx, pur: TPurchaseRow, bookingId: string, state: 'earned' | 'forfeited'): Promise<void> {
  const { rows } = await tx.query<{ k: number }>(
    "select count(*)::int as k from public.package_sessions where purchase_id = $1 and state in ('earned', 'forfeited')",
    [pur.id],
  );
  const k = rows[0].k;
  await tx.query('update public.package_sessions set state = $2, share_index = $3, settled_at = now() where booking_id = $1', [
    bookingId,
    state,
    k,
  ]);
  const pay = await purchasePayment(tx, pur.id);
  const delivered = k + 1;
  const allDone = delivered + pur.sessions_refunded >= pur.session_count;
  if (pay.mode === 'stripe') {
    // The real transfer follows the commit (transferPackageSession), outside this transaction.
    if (allDone) await tx.query("update public.package_purchases set status = 'closed' where id = $1", [pur.id]);
    return;
  }
  await postSessionTransfer(tx, pay, { count: pur.session_count, bookingId, k });
  await tx.query('update public.payments set transfer_status = $2, transfer_id = $3, updated_at = now() where id = $1', [
    pay.id,
    allDone ? 'transferred' : 'due',
    `sim_tr_pkg_${bookingId}`,
  ]);
  if (allDone) await tx.query("update public.package_purchases set status = 'closed' where id = $1", [pur.id]);
}
