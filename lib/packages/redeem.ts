import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import { requireRole } from '@/lib/auth/permissions';
import type { TDb } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { enqueueJob } from '@/lib/jobs';
import { bookingForActor } from '@/lib/booking/access';
import { afterBookingChange } from '@/lib/booking/after-change';
import { HoldExpiredError } from '@/lib/booking/errors';
import { JOB_COMPLETE } from '@/lib/booking/job-names';
import { loadParticipants, notifyBoth } from '@/lib/booking/participants';
import { addEvent, afterSlotsChanged, ms, type TBookingRow } from '@/lib/booking/store';
import { ZRedeem } from './schemas';
import { lockPurchase } from './purchase';

export const NO_CREDITS_MESSAGE = 'No sessions are left in this package.';

/**
 * Confirms the learner's live hold with one credit of their package instead of a new payment. One transaction:
 * the booking row, then the purchase row, locked in that order; the credit is taken by a conditional update
 * (used + refunded < count), so two bookings racing for the last credit cannot both get it: the second waits for
 * the first's lock, sees the new count and is refused (and the table's check would refuse it too). The booking
 * is confirmed exactly as a payment confirms it (event, completion job, e-mails, after-change listeners).
 */
export async function redeemCredit(db: TDb, user: TSessionUser, purchaseId: string, input: unknown, opts: { now?: Date } = {}) {
  requireRole(user, ['learner'], 'Only learners book with package credits.');
  const { bookingId } = ZRedeem.parse(input);
  const now = opts.now ?? new Date();
  const outcome = await db.transaction(async (tx) => {
    const { row, role } = await bookingForActor(tx, user, bookingId, { lock: true });
    if (role !== 'learner') throw new AppError('forbidden', 'Only the learner who holds this time books it.');
    const pur = await lockPurchase(tx, purchaseId);
    if (!pur || pur.learner_id !== user.id) throw new AppError('not_found', 'This package does not exist, or it is not yours.');
    if (row.status !== 'held')
      throw new AppError('conflict', `This session is ${row.status.replace('_', ' ')}; only a held time can be booked.`);
    if (ms(row.hold_expires_at!) <= now.getTime()) {
      await tx.query("update public.bookings set status = 'expired' where id = $1", [row.id]);
      await addEvent(tx, row.id, 'expired', null, {});
      return { kind: 'lapsed' as const, expertId: row.expert_id };
    }
    if (pur.status !== 'active') throw new AppError('conflict', 'This package is not paid yet, or it is closed.');
    if (pur.expert_id !== row.expert_id) throw new AppError('conflict', 'This package is for sessions with another expert.');
    if (pur.duration_minutes !== row.duration_minutes)
      throw new AppError('conflict', `This package is for ${pur.duration_minutes}-minute sessions; pick that length.`);
    const { rows: took } = await tx.query(
      `update public.package_purchases set sessions_used = sessions_used + 1
        where id = $1 and sessions_used + sessions_refunded < session_count returning sessions_used`,
      [pur.id],
    );
    if (!took[0]) throw new AppError('conflict', NO_CREDITS_MESSAGE);
    await tx.query('insert into public.package_sessions (booking_id, purchase_id) values ($1, $2)', [row.id, pur.id]);
    const { rows } = await tx.query<TBookingRow>(
      `update public.bookings set status = 'confirmed', hold_expires_at = null, payment_status = 'paid', payment_mode = 'simulated',
              confirmed_at = $2, price_minor = $3, currency = $4
        where id = $1 returning *`,
      [row.id, now, Math.floor(Number(pur.price_minor) / pur.session_count), pur.currency],
    );
    await addEvent(tx, row.id, 'confirmed', user.id, { paymentMode: 'package', packagePurchaseId: pur.id });
    await enqueueJob(
      tx,
      JOB_COMPLETE,
      { bookingId: row.id },
      { startAfter: new Date(row.ends_at), singletonKey: `complete:${row.id}:${rows[0].sequence}` },
    );
    await notifyBoth(tx, rows[0], await loadParticipants(tx, row), 'confirmed');
    await afterBookingChange(tx, rows[0], 'confirmed');
    return { kind: 'confirmed' as const, expertId: row.expert_id };
  });
  if (outcome.kind === 'lapsed') {
    await afterSlotsChanged(db, [outcome.expertId]);
    throw new HoldExpiredError();
  }
}
