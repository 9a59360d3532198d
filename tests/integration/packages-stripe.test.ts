import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as ADMIN_REFUND } from '@/app/api/admin/payments/[id]/refund/route';
import { POST as START } from '@/app/api/packages/[id]/purchase/route';
import { POST as PAY } from '@/app/api/packages/purchases/[id]/pay/route';
import type { TSessionUser } from '@/lib/auth/schemas';
import '@/lib/jobs/definitions';
import { createJobRunner, type TJobRunner } from '@/lib/jobs/runner';
import { createPackage } from '@/lib/packages/manage';
import { startPurchase } from '@/lib/packages/purchase';
import { listPurchases } from '@/lib/packages/views';
import { createUser } from '../support/factories';
import type { TFakeStripe } from '../support/fake-stripe';
import { startStripeHarness, stopStripeHarness } from '../support/stripe-harness';
import { deliverStripeEvent, packageCheckout, postAs, waitFor as sharedWaitFor } from '../support/package-checkout';
import { bookWithCredit, expertPackage, packageLedger, purchasePaymentRow, purchaseRow } from '../support/package-factories';
import type { TTestDb } from '../support/test-db';
import { learners } from './booking.fixtures';

// Packages paid through Stripe Checkout: the real `stripe` SDK against tests/support/fake-stripe.ts, webhooks signed
// with stripe.webhooks.generateTestHeaderString and delivered to the route handler, as payments-stripe.test.ts does
// for single bookings. $315 for 5 × 60 min, commission 15 % = $47.25.

vi.mock('@/lib/realtime/publish-slots', () => ({ publishSlotsChanged: () => undefined }));
vi.mock('@/lib/experts/refresh-next-available', () => ({
  refreshNextAvailable: async () => undefined,
  registerNextAvailableJob: () => undefined,
}));

let t: TTestDb;
let fake: TFakeStripe;
let runner: TJobRunner | null = null;

beforeAll(async () => {
  ({ t, fake } = await startStripeHarness());
});
afterEach(async () => {
  await runner?.stop(3000);
  runner = null;
});
afterAll(() => stopStripeHarness({ t, fake }));

const waitFor = sharedWaitFor;
const deliver = deliverStripeEvent;
const call = (handler: Parameters<typeof postAs>[1], user: TSessionUser, url: string, id: string, body?: unknown) =>
  postAs(t.db, handler, user, url, id, body);
const checkout = () => packageCheckout(t.db);

function signedCompleted(sessionId: string) {
  return fake.signedEvent('checkout.session.completed', fake.db.sessions.get(sessionId)!);
}

describe('a package paid through Stripe Checkout', () => {
  it('creates the session from the purchase (server price, separate charges and transfers, metadata, idempotency key, expires_at ≥ 30 min)', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { learner, purchaseId, payment, checkoutUrl } = await checkout();
    expect(payment).toMatchObject({ mode: 'stripe', status: 'open', amount_minor: 31_500, commission_minor: 4725 });
    expect(checkoutUrl).toBe(`https://checkout.stripe.test/c/pay/${payment.checkout_session_id}`);
    const creates = fake.requests.filter(
      (r) =>
        r.method === 'POST' &&
        r.path === '/v1/checkout/sessions' &&
        (r.params.metadata as Record<string, string>)?.package_purchase_id === purchaseId,
    );
    expect(creates).toHaveLength(1);
    const create = creates[0];
    expect(create.headers['idempotency-key']).toBe(`checkout:${payment.id}`);
    expect(create.params).toMatchObject({
      mode: 'payment',
      line_items: [{ quantity: '1', price_data: { currency: 'usd', unit_amount: '31500' } }],
      // Separate charges and transfers: charged to the platform, no destination; the expert is paid per session.
      payment_intent_data: {
        transfer_group: `package_${purchaseId}`,
        metadata: { payment_id: payment.id, package_purchase_id: purchaseId },
      },
      metadata: { payment_id: payment.id, package_purchase_id: purchaseId },
      client_reference_id: payment.id,
      customer_email: learner.email,
    });
    expect(create.params).not.toHaveProperty('payment_intent_data.transfer_data');
    expect(create.params).not.toHaveProperty('payment_intent_data.application_fee_amount');
    expect(Number(create.params.expires_at)).toBeGreaterThanOrEqual(before + 30 * 60);
    expect(String(create.params.success_url)).toContain(`/packages/checkout/${purchaseId}?returned=1`);
    // A second click reuses the session; nothing is granted before Stripe says it was paid.
    const again = await call(PAY, learner, `http://localhost/api/packages/purchases/${purchaseId}/pay`, purchaseId);
    expect(again.body.checkoutUrl).toBe(checkoutUrl);
    const createsNow = fake.requests.filter(
      (r) =>
        r.method === 'POST' &&
        r.path === '/v1/checkout/sessions' &&
        (r.params.metadata as Record<string, string>)?.package_purchase_id === purchaseId,
    );
    expect(createsNow).toHaveLength(1);
    expect(await purchaseRow(t.db, purchaseId)).toMatchObject({ status: 'pending', sessions_used: 0 });
    expect((await listPurchases(t.db, learner))[0]).toMatchObject({ status: 'pending' });
  });

  it('checkout.session.completed delivered 3× (and a second event for the same session 3×), shuffled → the credits are granted once, the ledger balances', async () => {
    const { learner, expert, expertUser, purchaseId, payment } = await checkout();
    const sessionId = payment.checkout_session_id!;
    const paid = fake.pay(sessionId, { fee: 944 });
    const completed = signedCompleted(sessionId);
    const asyncSucceeded = fake.signedEvent('checkout.session.async_payment_succeeded', paid.session);
    const deliveries = [completed, asyncSucceeded].flatMap((d) => [d, d, d]);
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    deliveries.sort(() => rand() - 0.5);
    const results: { status: number; body: { duplicate?: boolean } }[] = [];
    for (let i = 0; i < deliveries.length; i += 3) results.push(...(await Promise.all(deliveries.slice(i, i + 3).map((d) => deliver(d)))));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.duplicate === false)).toHaveLength(2);

    expect(await purchaseRow(t.db, purchaseId)).toMatchObject({ status: 'active', sessions_used: 0, sessions_refunded: 0 });
    expect(await purchasePaymentRow(t.db, purchaseId)).toMatchObject({
      status: 'paid',
      charge_id: paid.charge.id,
      payment_intent_id: paid.intent.id,
    });
    const { rows: postings } = await t.db.query<{ kind: string; n: number }>(
      'select kind, count(distinct txn_id)::int as n from public.ledger_entries where payment_id = $1 group by kind order by kind',
      [payment.id],
    );
    expect(postings).toEqual([
      { kind: 'charge', n: 1 },
      { kind: 'fee', n: 1 },
    ]);
    expect(await packageLedger(t.db, purchaseId)).toEqual({
      platform_cash: 31_500 - 944,
      platform_commission: -4725,
      expert_payable: -26_775,
      processor_fees: 944,
    });
    const { rows: receipts } = await t.db.query<{ n: number }>(
      "select count(*)::int as n from public.notifications where user_id = $1 and title like 'Package bought:%'",
      [learner.id],
    );
    expect(receipts[0].n).toBe(1);
    expect((await listPurchases(t.db, learner))[0]).toMatchObject({ remaining: 5, refundableMinor: 31_500 });
    expect((await listPurchases(t.db, expertUser)).find((p) => p.id === purchaseId)).toMatchObject({ remaining: 5 });
    // The credits book sessions; the booking carries Stripe as its payment mode.
    const bookingId = await bookWithCredit(t.db, learner, expert, purchaseId);
    const { rows: b } = await t.db.query('select status, payment_status, payment_mode from public.bookings where id = $1', [bookingId]);
    expect(b[0]).toEqual({ status: 'confirmed', payment_status: 'paid', payment_mode: 'stripe' });
  });

  it('an expired checkout releases the pending purchase (a new Buy starts afresh); a declined card does too and ends the session', async () => {
    const first = await checkout();
    const s1 = first.payment.checkout_session_id!;
    fake.db.sessions.get(s1)!.status = 'expired';
    const expired = fake.signedEvent('checkout.session.expired', fake.db.sessions.get(s1)!);
    for (const d of [expired, expired]) expect((await deliver(d)).status).toBe(200);
    expect(await purchaseRow(t.db, first.purchaseId)).toMatchObject({ status: 'abandoned', sessions_used: 0 });
    expect((await purchasePaymentRow(t.db, first.purchaseId)).status).toBe('expired');
    expect(await listPurchases(t.db, first.learner)).toEqual([]);
    const pkgId = (
      await t.db.query<{ package_id: string }>('select package_id from public.package_purchases where id = $1', [first.purchaseId])
    ).rows[0].package_id;
    const again = await startPurchase(t.db, first.learner, pkgId);
    expect(again.purchaseId).not.toBe(first.purchaseId);
    // The abandoned checkout cannot be paid from our page any more.
    const stale = await call(PAY, first.learner, 'http://localhost/api/packages/purchases/x/pay', first.purchaseId);
    expect(stale.status).toBe(409);

    const second = await checkout();
    const s2 = second.payment.checkout_session_id!;
    runner = await createJobRunner(t.db, { pollMs: 50, retryBaseMs: 100, leaseMs: 2000 });
    const failed = fake.signedEvent('payment_intent.payment_failed', fake.decline(s2));
    expect((await deliver(failed)).status).toBe(200);
    expect(await purchaseRow(t.db, second.purchaseId)).toMatchObject({ status: 'abandoned' });
    expect((await purchasePaymentRow(t.db, second.purchaseId)).status).toBe('failed');
    // The session stays open after a decline at Stripe; the job ends it so it cannot be paid later.
    await waitFor(() => fake.db.sessions.get(s2)!.status === 'expired');
  });

  it('an expert paid through PayPal can neither sell a package nor have one bought (their sessions could not be paid out)', async () => {
    const { expert, pkg, expertUser } = await expertPackage(t.db);
    await t.db.query(
      `insert into public.payout_accounts (expert_id, rail, paypal_email) values ($1, 'paypal', 'emily@example.com')
       on conflict (expert_id) do update set rail = 'paypal', paypal_email = excluded.paypal_email`,
      [expert.id],
    );
    const [learner] = await learners(t.db, 1);
    const bought = await call(START, learner, `http://localhost/api/packages/${pkg.id}/purchase`, pkg.id);
    expect(bought).toMatchObject({
      status: 409,
      body: { error: { message: 'This expert cannot sell packages at the moment. Book single sessions instead.' } },
    });
    await expect(
      createPackage(t.db, expertUser, { title: 'Another', sessionCount: 3, lengthMinutes: 60, discountPercent: 5, refundWindowDays: 30 }),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/^Packages are paid out through Stripe only/) });
    expect((await t.db.query('select 1 from public.package_purchases where package_id = $1', [pkg.id])).rows).toEqual([]);
  });

  it('an admin refund through Stripe voids the credits it pays for; Stripe’s charge.refunded afterwards changes nothing more', async () => {
    const { learner, expertUser, purchaseId, payment } = await checkout();
    const paid = fake.pay(payment.checkout_session_id!, { fee: 944 });
    expect((await deliver(signedCompleted(payment.checkout_session_id!))).status).toBe(200);
    const admin = await createUser(t.db, { role: 'admin' });
    const key = crypto.randomUUID();
    const url = `http://localhost/api/admin/payments/${payment.id}/refund`;
    const res = await call(ADMIN_REFUND, admin, url, payment.id, { amountMinor: 12_600, reason: 'Two sessions back', key });
    expect(res).toMatchObject({ status: 200, body: { amountMinor: 12_600 } });
    const refundCall = fake.requests.find((r) => r.path === '/v1/refunds' && r.headers['idempotency-key'] === `refund:admin:${key}`)!;
    expect(refundCall.params).toMatchObject({ payment_intent: paid.intent.id, amount: '12600' });
    expect(await purchaseRow(t.db, purchaseId)).toMatchObject({ sessions_used: 0, sessions_refunded: 2, status: 'active' });
    // Stripe's webhook for the same refund (twice) finds it applied.
    const refunded = fake.signedEvent('charge.refunded', fake.db.charges.get(paid.charge.id)!);
    for (const d of [refunded, refunded]) expect((await deliver(d)).status).toBe(200);
    expect(await purchaseRow(t.db, purchaseId)).toMatchObject({ sessions_refunded: 2 });
    expect(await purchasePaymentRow(t.db, purchaseId)).toMatchObject({ status: 'partially_refunded', refunded_minor: 12_600 });
    expect((await listPurchases(t.db, learner))[0]).toMatchObject({ remaining: 3 });
    expect((await listPurchases(t.db, expertUser)).find((p) => p.id === purchaseId)).toMatchObject({ remaining: 3 });
    const l = await packageLedger(t.db, purchaseId);
    expect(Object.values(l).reduce((s, n) => s + n, 0)).toBe(0);
    expect(l.expert_payable).toBe(-26_775 + 10_710); // the two voided sessions' expert share, never transferred
  });
});
