import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import { requireRole } from '@/lib/auth/permissions';
import type { TDb } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { bookingForActor } from '@/lib/booking/access';
import { HoldExpiredError } from '@/lib/booking/errors';
import { confirmPaidBooking } from '@/lib/booking/lifecycle';
import { addEvent, afterSlotsChanged, ms } from '@/lib/booking/store';
import { ZRedeem } from './schemas';
import { lockPurchase, purchasePayment } from './purchase';

export const NO_CREDITS_MESSAGE = 'No sessions are left in this package.';

/**
 * Confirms the learner's live hold with one credit of their package instead of a new payment. One transaction:
 * the booking row, then the purchase row, locked in that order; the credit is taken by a conditional update
 * (used + refunded < count), so two bookings racing for the last credit cannot both get it: the second waits for
 * the first's lock, sees the new count and is refused (and the table's check would refuse it too). The booking
 * is confirmed by confirmPaidBooking, the very function a settled payment calls (event, completion job, e-mails,
 * after-change listeners), so both paths have the same effects.
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
    await tx.query('update public.bookings set price_minor = $2, currency = $3 where id = $1', [
      row.id,
      Math.floor(Number(pur.price_minor) / pur.session_count),
      pur.currency,
    ]);
    // The same confirmation a paid booking gets (event, completion job, e-mails, after-change listeners).
    const pay = await purchasePayment(tx, pur.id);
    const outcome = await confirmPaidBooking(tx, row.id, {
      now,
      paymentMode: pay.mode,
      paymentId: null,
      packagePurchaseId: pur.id,
    });
    if (outcome !== 'confirmed') throw new AppError('conflict', 'This time could not be booked; pick another.');
    return { kind: 'confirmed' as const, expertId: row.expert_id };
  });
  if (outcome.kind === 'lapsed') {
    await afterSlotsChanged(db, [outcome.expertId]);
    throw new HoldExpiredError();
  }
}
