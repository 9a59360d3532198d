import 'server-only';
import { randomUUID } from 'node:crypto';
import type { TSessionUser } from '@/lib/auth/schemas';
import { requireRole } from '@/lib/auth/permissions';
import type { TDb, TPrivilegedTx } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { commissionFor } from '@/lib/money/commission';
import { formatMoney } from '@/lib/money/format-money';
import { notifyEvent } from '@/lib/notifications/notify-event';
import { commissionRule, postCharge, type TPackagePayment } from './money';

// Buying a package: a pending purchase with the package's terms copied, and its payment row (transfer_group
// package_<purchase id>, commission on the package price, computed here). In the default (simulated) mode the
// checkout is Pathwise's own labelled test-mode page, /packages/checkout/<purchase id>; paying there walks the
// same state as a Stripe checkout.session.completed would (paySimulatedPurchase).

export const checkoutPath = (purchaseId: string) => `/packages/checkout/${purchaseId}`;

export type TPurchaseRow = {
  id: string;
  package_id: string;
  expert_id: string;
  learner_id: string | null;
  title: string;
  session_count: number;
  duration_minutes: number;
  price_minor: string | number;
  commission_minor: string | number;
  currency: string;
  status: 'pending' | 'active' | 'closed' | 'abandoned';
  sessions_used: number;
  sessions_refunded: number;
  refund_window_days: number;
  refund_until: Date | null;
  paid_at: Date | null;
};

/** Starts a purchase (or returns the learner's open one for the same package) and the checkout to pay it at. */
export async function startPurchase(db: TDb, user: TSessionUser, packageId: string): Promise<{ purchaseId: string; checkoutUrl: string }> {
  requireRole(user, ['learner'], 'Only learners buy packages.');
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{
      id: string;
      expert_id: string;
      title: string;
      session_count: number;
      duration_minutes: number;
      price_minor: string;
      currency: string;
      refund_window_days: number;
    }>(
      `select p.id, p.expert_id, p.title, p.session_count, p.duration_minutes, p.price_minor, p.currency, p.refund_window_days
         from public.session_packages p join public.expert_profiles e on e.id = p.expert_id
        where p.id = $1 and p.status = 'active' and e.status = 'approved' and not e.hidden`,
      [packageId],
    );
    const pkg = rows[0];
    if (!pkg) throw new AppError('not_found', 'This package is not on sale.');
    const { rows: open } = await tx.query<{ id: string }>(
      "select id from public.package_purchases where package_id = $1 and learner_id = $2 and status = 'pending' order by created_at desc limit 1",
      [packageId, user.id],
    );
    if (open[0]) return { purchaseId: open[0].id, checkoutUrl: checkoutPath(open[0].id) };
    const price = Number(pkg.price_minor);
    const { commissionMinor } = commissionFor(price, await commissionRule(tx, pkg.currency));
    const { rows: made } = await tx.query<{ id: string }>(
      `insert into public.package_purchases (package_id, expert_id, learner_id, title, session_count, duration_minutes, price_minor, commission_minor, currency, refund_window_days)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
      [
        pkg.id,
        pkg.expert_id,
        user.id,
        pkg.title,
        pkg.session_count,
        pkg.duration_minutes,
        price,
        commissionMinor,
        pkg.currency,
        pkg.refund_window_days,
      ],
    );
    const purchaseId = made[0].id;
    await tx.query(
      `insert into public.payments (package_purchase_id, learner_id, expert_id, mode, amount_minor, commission_minor, currency, checkout_session_id, checkout_url, transfer_group)
       values ($1, $2, $3, 'simulated', $4, $5, $6, $7, $8, $9)`,
      [
        purchaseId,
        user.id,
        pkg.expert_id,
        price,
        commissionMinor,
        pkg.currency,
        `sim_cs_${randomUUID()}`,
        checkoutPath(purchaseId),
        `package_${purchaseId}`,
      ],
    );
    return { purchaseId, checkoutUrl: checkoutPath(purchaseId) };
  });
}

export async function lockPurchase(tx: TPrivilegedTx, id: string): Promise<TPurchaseRow | null> {
  const { rows } = await tx.query<TPurchaseRow>('select * from public.package_purchases where id = $1 for update', [id]);
  return rows[0] ?? null;
}

export async function purchasePayment(tx: TPrivilegedTx, purchaseId: string): Promise<TPackagePayment & { checkout_session_id: string }> {
  const { rows } = await tx.query<TPackagePayment & { checkout_session_id: string }>(
    `select id, amount_minor::int as amount_minor, commission_minor::int as commission_minor, refunded_minor::int as refunded_minor,
            currency, expert_id, status, checkout_session_id
       from public.payments where package_purchase_id = $1 order by created_at desc limit 1 for update`,
    [purchaseId],
  );
  if (!rows[0]) throw new AppError('conflict', 'This purchase has no payment.');
  return rows[0];
}

/**
 * The simulated checkout's "Pay" (test mode): the payment is paid, the charge is posted, the purchase becomes
 * active with its credits and its refund deadline, and both sides are told. Paying twice changes nothing.
 */
export async function paySimulatedPurchase(db: TDb, user: TSessionUser, purchaseId: string, opts: { now?: Date } = {}): Promise<void> {
  requireRole(user, ['learner'], 'Only learners buy packages.');
  const now = opts.now ?? new Date();
  await db.transaction(async (tx) => {
    const pur = await lockPurchase(tx, purchaseId);
    if (!pur || pur.learner_id !== user.id) throw new AppError('not_found', 'This purchase does not exist, or it is not yours.');
    if (pur.status === 'active' || pur.status === 'closed') return;
    if (pur.status !== 'pending') throw new AppError('conflict', 'This checkout was abandoned. Start again from the expert’s profile.');
    await confirmPurchase(tx, pur, { chargeRef: `sim_ch_${randomUUID()}`, paymentIntent: `sim_pi_${randomUUID()}`, now });
  });
}

/** Paid: the one place a purchase becomes active (the simulated page now; a Stripe checkout.session.completed handler later). */
export async function confirmPurchase(
  tx: TPrivilegedTx,
  pur: TPurchaseRow,
  p: { chargeRef: string; paymentIntent: string | null; now: Date },
): Promise<void> {
  const pay = await purchasePayment(tx, pur.id);
  await tx.query(
    `update public.payments set status = 'paid', charge_id = $2, payment_intent_id = $3, paid_at = $4, updated_at = $4 where id = $1`,
    [pay.id, p.chargeRef, p.paymentIntent, p.now],
  );
  await postCharge(tx, pay, p.chargeRef);
  const refundUntil = new Date(p.now.getTime() + pur.refund_window_days * 86_400_000);
  await tx.query("update public.package_purchases set status = 'active', paid_at = $2, refund_until = $3 where id = $1", [
    pur.id,
    p.now,
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
}
