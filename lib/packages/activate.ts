import 'server-only';
import type { TPrivilegedTx } from '@/lib/db';
import { formatMoney } from '@/lib/money/format-money';
import { notifyEvent } from '@/lib/notifications/notify-event';

// What a settled or abandoned checkout means for a package purchase. Called by the payments core's state machine
// (lib/payments/settle.ts) inside the event's transaction, with the payment row locked; no payments imports here,
// so the two modules do not import each other.

/**
 * The purchase's payment settled (lib/payments/settle.ts settlePaid, inside the event's transaction, after the
 * charge was posted): the purchase becomes active with its credits and its refund deadline, and both sides are
 * told. A checkout that was abandoned (expired or declined) and is paid after all is activated too: the money
 * was taken, and a package has no slot that someone else could have booked meanwhile. Run twice: nothing.
 */
export async function activatePaidPurchase(tx: TPrivilegedTx, purchaseId: string, now: Date): Promise<boolean> {
  const { rows: locked } = await tx.query<{
    id: string;
    expert_id: string;
    learner_id: string | null;
    title: string;
    session_count: number;
    duration_minutes: number;
    price_minor: string | number;
    currency: string;
    status: string;
    refund_window_days: number;
  }>('select * from public.package_purchases where id = $1 for update', [purchaseId]);
  const pur = locked[0];
  if (!pur || pur.status === 'active' || pur.status === 'closed') return false;
  const refundUntil = new Date(now.getTime() + pur.refund_window_days * 86_400_000);
  await tx.query("update public.package_purchases set status = 'active', paid_at = $2, refund_until = $3 where id = $1", [
    pur.id,
    now,
    refundUntil,
  ]);
  const { rows } = await tx.query<{ expert_user: string; slug: string; learner_name: string }>(
    `select e.user_id as expert_user, e.slug, coalesce(u.name, 'A learner') as learner_name
       from public.expert_profiles e left join public.users u on u.id = $2 where e.id = $1`,
    [pur.expert_id, pur.learner_id],
  );
  const price = formatMoney(Number(pur.price_minor), pur.currency);
  if (pur.learner_id)
    await notifyEvent(tx, {
      userId: pur.learner_id,
      event: 'payment.receipt',
      title: `Package bought: ${pur.title}`,
      body: `You paid ${price} for ${pur.session_count} sessions of ${pur.duration_minutes} minutes. Book them from the expert's profile.`,
      link: `/experts/${rows[0].slug}`,
    });
  await notifyEvent(tx, {
    userId: rows[0].expert_user,
    event: 'payment.receipt',
    title: `Package sold: ${pur.title}`,
    body: `${rows[0].learner_name} bought ${pur.session_count} sessions (${price}). You are paid per session, after each one is completed.`,
    link: '/dashboard',
  });
  return true;
}

/** The checkout ended unpaid (expired, or the card was declined): the pending purchase is released. */
export async function abandonPendingPurchase(tx: TPrivilegedTx, purchaseId: string): Promise<boolean> {
  const { rows } = await tx.query(
    "update public.package_purchases set status = 'abandoned' where id = $1 and status = 'pending' returning id",
    [purchaseId],
  );
  return rows.length > 0;
}
