import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import { isAdmin, requireRole } from '@/lib/auth/permissions';
import type { TDb } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { formatMoney } from '@/lib/money/format-money';
import { notifyEvent } from '@/lib/notifications/notify-event';
import { postRefund } from './money';
import { canRefundUnused, creditsLeft, unusedRefund } from './pricing';
import { lockPurchase, purchasePayment } from './purchase';

/**
 * Refunds every unused session of a purchase, pro rata (lib/packages/pricing.ts: P − ⌊P·used/N⌋, less what was
 * refunded before), while the purchase's refund window is open (refund_until = paid_at + the package's
 * refund_window_days; an admin may refund after it). Booked sessions stay booked. The expert's share of unused
 * sessions was never transferred, so nothing is pulled back from the expert. Simulated: a sim_re_ refund.
 */
export async function refundUnused(
  db: TDb,
  user: TSessionUser,
  purchaseId: string,
  opts: { now?: Date } = {},
): Promise<{ refundMinor: number; sessions: number }> {
  requireRole(user, ['learner', 'admin'], 'Only the learner who bought the package asks for a refund.');
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
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
    const owed = unusedRefund({ priceMinor: pay.amount_minor, count: pur.session_count }, pur.sessions_used).refundMinor;
    const refundMinor = owed - pay.refunded_minor;
    const sessions = creditsLeft(credit);
    if (refundMinor > 0) await postRefund(tx, pay, { refundMinor, used: pur.sessions_used, count: pur.session_count });
    const refunded = pay.refunded_minor + Math.max(0, refundMinor);
    await tx.query(`update public.payments set refunded_minor = $2, status = $3, updated_at = now() where id = $1`, [
      pay.id,
      refunded,
      refunded >= pay.amount_minor ? 'refunded' : 'partially_refunded',
    ]);
    const closes = pur.sessions_used === 0;
    await tx.query('update public.package_purchases set sessions_refunded = session_count - sessions_used, status = $2 where id = $1', [
      pur.id,
      closes ? 'closed' : pur.status,
    ]);
    if (pur.learner_id)
      await notifyEvent(tx, {
        userId: pur.learner_id,
        event: 'payment.refunded',
        title: `Package refund: ${formatMoney(Math.max(0, refundMinor), pur.currency)}`,
        body: `${sessions} unused session${sessions === 1 ? '' : 's'} of “${pur.title}” refunded (test mode — simulated, no card involved).`,
        link: '/sessions',
      });
    return { refundMinor: Math.max(0, refundMinor), sessions };
  });
}
