import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import { isAdmin, requireRole } from '@/lib/auth/permissions';
import type { TDb } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { refundPayment } from '@/lib/payments/refunds';
import { canRefundUnused, creditsLeft, unusedValueMinor } from './pricing';
import { voidUnusedCredits } from './refund-credits';
import { lockPurchase, purchasePayment } from './purchase';

/**
 * Refunds every unused session of a purchase, pro rata (lib/packages/pricing.ts: P − ⌊P·used/N⌋, less what was
 * refunded before), while the purchase's refund window is open (refund_until = paid_at + the package's
 * refund_window_days; an admin may refund after it). The money goes back through the payments core's
 * refundPayment (Stripe's refunds.create, or the simulator), and its state machine voids the credits the refund
 * pays for — all unused ones here (lib/packages/refund-credits.ts), as it does for an admin's refund. Booked
 * sessions stay booked. The expert's share of unused sessions was never transferred, so nothing is pulled back.
 */
export async function refundUnused(
  db: TDb,
  user: TSessionUser,
  purchaseId: string,
  opts: { now?: Date } = {},
): Promise<{ refundMinor: number; sessions: number }> {
  requireRole(user, ['learner', 'admin'], 'Only the learner who bought the package asks for a refund.');
  const now = opts.now ?? new Date();
  const plan = await db.transaction(async (tx) => {
    const pur = await lockPurchase(tx, purchaseId);
    if (!pur || (!isAdmin(user) && pur.learner_id !== user.id))
      throw new AppError('not_found', 'This package does not exist, or it is not yours.');
    const credit = { count: pur.session_count, used: pur.sessions_used, refunded: pur.sessions_refunded };
    if (creditsLeft(credit) === 0) throw new AppError('conflict', 'There are no unused sessions to refund.');
    const inWindow = canRefundUnused({ status: pur.status, refundUntil: pur.refund_until, ...credit }, now.getTime());
    if (!inWindow && !(isAdmin(user) && pur.status === 'active'))
      throw new AppError(
        'conflict',
        pur.status !== 'active' ? 'This package is not paid yet, or it is closed.' : 'The refund window for this package has closed.',
      );
    const pay = await purchasePayment(tx, pur.id);
    const refundMinor = unusedValueMinor({
      priceMinor: pay.amount_minor,
      count: pur.session_count,
      used: pur.sessions_used,
      refundedMinor: pay.refunded_minor,
    });
    const sessions = creditsLeft(credit);
    if (refundMinor === 0) {
      // Nothing left to pay back (a free package, or earlier refunds covered it): the credits are simply voided.
      await voidUnusedCredits(
        tx,
        { ...pay, package_purchase_id: pur.id },
        `package-void:${pur.id}:${pur.sessions_used}:${pur.sessions_refunded}`,
      );
    }
    return { paymentId: pay.id, refundMinor, sessions, key: `package-unused:${pur.id}:${pur.sessions_used}:${pur.sessions_refunded}` };
  });
  if (plan.refundMinor > 0)
    await refundPayment(db, {
      paymentId: plan.paymentId,
      amountMinor: plan.refundMinor,
      reason: `Unused sessions of a package refunded (${plan.sessions})`,
      key: plan.key,
      ...(isAdmin(user) ? { actorId: user.id } : {}),
    });
  return { refundMinor: plan.refundMinor, sessions: plan.sessions };
}
