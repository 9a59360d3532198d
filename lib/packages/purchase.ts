import 'server-only';
import { randomUUID } from 'node:crypto';
import type { TSessionUser } from '@/lib/auth/schemas';
import { appUrl } from '@/lib/booking/participants';
import { requireRole } from '@/lib/auth/permissions';
import type { TDb, TPrivilegedTx } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { commissionFor } from '@/lib/money/commission';
import { enqueueJob } from '@/lib/jobs';
import { checkoutExpiresAt, openCheckoutSession } from '@/lib/payments/checkout';
import { paymentsProvider } from '@/lib/payments/get-provider';
import { JOB_EXPIRE_CHECKOUT } from '@/lib/payments/job-names';
import { processPaymentEvent } from '@/lib/payments/process-event';
import { simulatedCompleted } from '@/lib/payments/simulated';
import { readPayment } from '@/lib/payments/store';
import { commissionRule, type TPackagePayment } from './money';
import { assertPackagesPayable } from './rail';

// Buying a package: a pending purchase with the package's terms copied, and its payment row (transfer_group
// package_<purchase id>, commission on the package price, computed here). /packages/checkout/<purchase id> shows
// the price, the commission in it and the expert's share before anything is paid. With Stripe its button opens a
// Checkout Session made by the payments core (openCheckoutSession: metadata names the payment and the purchase,
// idempotency key per payment); without a key it is the labelled test-mode page. Either way the payment is settled
// by the same event processor (checkout.session.completed → settlePaid → activatePaidPurchase), exactly once.

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
    await assertPackagesPayable(tx, pkg.expert_id, 'learner');
    const { rows: open } = await tx.query<{ id: string }>(
      "select id from public.package_purchases where package_id = $1 and learner_id = $2 and status = 'pending' order by created_at desc limit 1",
      [packageId, user.id],
    );
    if (open[0]) return { purchaseId: open[0].id, checkoutUrl: checkoutPath(open[0].id) };
    const price = Number(pkg.price_minor);
    const { commissionMinor } = commissionFor(price, await commissionRule(tx, pkg.currency));
    const mode = paymentsProvider().mode;
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
       values ($1, $2, $3, $10, $4, $5, $6, $7, $8, $9)`,
      [
        purchaseId,
        user.id,
        pkg.expert_id,
        price,
        commissionMinor,
        pkg.currency,
        // Stripe: the Checkout Session is made when the learner continues from the summary page.
        mode === 'simulated' ? `sim_cs_${randomUUID()}` : null,
        mode === 'simulated' ? checkoutPath(purchaseId) : null,
        `package_${purchaseId}`,
        mode,
      ],
    );
    return { purchaseId, checkoutUrl: checkoutPath(purchaseId) };
  });
}

export async function lockPurchase(tx: TPrivilegedTx, id: string): Promise<TPurchaseRow | null> {
  const { rows } = await tx.query<TPurchaseRow>('select * from public.package_purchases where id = $1 for update', [id]);
  return rows[0] ?? null;
}

export type TPurchasePayment = TPackagePayment & { checkout_session_id: string | null; mode: 'simulated' | 'stripe' };

export async function purchasePayment(tx: TPrivilegedTx, purchaseId: string): Promise<TPurchasePayment> {
  const { rows } = await tx.query<TPurchasePayment>(
    `select id, amount_minor::int as amount_minor, commission_minor::int as commission_minor, refunded_minor::int as refunded_minor,
            currency, expert_id, status, checkout_session_id, mode
       from public.payments where package_purchase_id = $1 order by created_at desc limit 1 for update`,
    [purchaseId],
  );
  if (!rows[0]) throw new AppError('conflict', 'This purchase has no payment.');
  return rows[0];
}

/**
 * The summary page's button. Stripe: opens (or reopens) the purchase's Checkout Session and answers its URL.
 * Test mode: pays at once through the same event processor a Stripe webhook goes through. Paying twice changes
 * nothing; an abandoned checkout (expired, declined) cannot be paid again.
 */
export async function payPurchase(
  db: TDb,
  user: TSessionUser,
  purchaseId: string,
  opts: { now?: Date } = {},
): Promise<{ checkoutUrl: string | null }> {
  requireRole(user, ['learner'], 'Only learners buy packages.');
  const { pur, pay } = await db.transaction(async (tx) => {
    const pur = await lockPurchase(tx, purchaseId);
    if (!pur || pur.learner_id !== user.id) throw new AppError('not_found', 'This purchase does not exist, or it is not yours.');
    if (pur.status === 'active' || pur.status === 'closed') return { pur, pay: null };
    if (pur.status !== 'pending') throw new AppError('conflict', 'This checkout was abandoned. Start again from the expert’s profile.');
    return { pur, pay: await purchasePayment(tx, pur.id) };
  });
  if (!pay) return { checkoutUrl: null };
  const payment = (await readPayment(db, pay.id))!;
  if (payment.status !== 'open') return { checkoutUrl: null };
  const provider = paymentsProvider();
  if (payment.mode !== provider.mode)
    throw new AppError('conflict', 'Payments changed mode since this checkout started. Start again from the expert’s profile.');
  if (provider.mode === 'simulated') {
    await processPaymentEvent(db, 'simulated', simulatedCompleted(payment));
    return { checkoutUrl: null };
  }
  if (payment.checkout_url) return { checkoutUrl: payment.checkout_url };
  const expiresAt = checkoutExpiresAt((opts.now ?? new Date()).getTime());
  const session = await openCheckoutSession(db, payment, {
    packagePurchaseId: pur.id,
    description: `${pur.title}: ${pur.session_count} × ${pur.duration_minutes}-minute sessions on Pathwise`,
    customerEmail: user.email,
    successUrl: `${appUrl()}${checkoutPath(pur.id)}?returned=1`,
    cancelUrl: `${appUrl()}${checkoutPath(pur.id)}?cancelled=1`,
    expiresAt,
  });
  // Stripe sends checkout.session.expired at expires_at; this job is the net under a lost webhook.
  await enqueueJob(
    db,
    JOB_EXPIRE_CHECKOUT,
    { paymentId: payment.id },
    { startAfter: new Date(expiresAt * 1000 + 60_000), singletonKey: `expire-checkout:${payment.id}` },
  );
  return { checkoutUrl: session.url };
}

/** Test and seed helper (and the old name): the test-mode Pay. */
export async function paySimulatedPurchase(db: TDb, user: TSessionUser, purchaseId: string, opts: { now?: Date } = {}): Promise<void> {
  if (paymentsProvider().mode !== 'simulated') throw new AppError('not_found', 'Test-mode payments are off: Stripe is configured.');
  await payPurchase(db, user, purchaseId, opts);
}
