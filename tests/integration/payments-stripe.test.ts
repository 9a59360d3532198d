import { NextRequest } from 'next/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as ADMIN_REFUND } from '@/app/api/admin/payments/[id]/refund/route';
import { POST as WEBHOOK } from '@/app/api/webhooks/stripe/route';
import { POST as CONNECT_WEBHOOK } from '@/app/api/webhooks/stripe-connect/route';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createSession } from '@/lib/auth/sessions';
import { createHold } from '@/lib/booking/create-hold';
import { completeBooking, expireHold } from '@/lib/booking/lifecycle';
import { cancelBooking } from '@/lib/booking/manage';
import '@/lib/jobs/definitions';
import { createJobRunner, type TJobRunner } from '@/lib/jobs/runner';
import { commissionFor } from '@/lib/money/commission';
import { startBookingCheckout } from '@/lib/payments/checkout';
import { expireCheckout } from '@/lib/payments/jobs';
import { runTransfer } from '@/lib/payments/transfers';
import { createUser } from '../support/factories';
import type { TFakeStripe, TStripeObj } from '../support/fake-stripe';
import { startStripeHarness, stopStripeHarness } from '../support/stripe-harness';
import type { TTestDb } from '../support/test-db';
import { bookableExpert, hoursAhead, learners } from './booking.fixtures';

// Payments through the real `stripe` SDK against tests/support/fake-stripe.ts, webhooks signed with
// stripe.webhooks.generateTestHeaderString and delivered to the route handlers. Jobs (refunds, transfers,
// reversals) run on a job runner as in the app. PGlite by default; Postgres with TEST_DATABASE_URL.

vi.mock('@/lib/realtime/publish-slots', () => ({ publishSlotsChanged: () => undefined }));
vi.mock('@/lib/experts/refresh-next-available', () => ({
  refreshNextAvailable: async () => undefined,
  registerNextAvailableJob: () => undefined,
}));

let t: TTestDb;
let fake: TFakeStripe;
let runner: TJobRunner | null = null;
const MIN = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  ({ t, fake } = await startStripeHarness());
});
afterEach(async () => {
  await runner?.stop(3000);
  runner = null;
});
afterAll(() => stopStripeHarness({ t, fake }));

async function startRunner() {
  runner = await createJobRunner(t.db, { pollMs: 50, retryBaseMs: 100, leaseMs: 2000 });
}
async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await sleep(40);
  }
}

async function deliver(delivery: { payload: string; header: string }, endpoint: 'platform' | 'connect' = 'platform') {
  const req = new NextRequest('http://localhost/api/webhooks/stripe', {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'stripe-signature': delivery.header,
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
    },
    body: delivery.payload,
  });
  const res = await (endpoint === 'platform' ? WEBHOOK : CONNECT_WEBHOOK)(req, { params: Promise.resolve({}) });
  return { status: res.status, body: await res.json() };
}

async function payment(id: string) {
  const { rows } = await t.db.query('select * from public.payments where id = $1', [id]);
  // bigint arrives as a string from node-postgres and as a number from PGlite
  const r = { ...rows[0], refunded_minor: Number(rows[0].refunded_minor), commission_minor: Number(rows[0].commission_minor) };
  return r as unknown as Record<string, unknown> & {
    status: string;
    transfer_status: string;
    charge_id: string;
    refunded_minor: number;
    dispute_status: string | null;
  };
}
async function booking(id: string) {
  return (
    await t.db.query<{ status: string; payment_status: string; payment_mode: string }>(
      'select status, payment_status, payment_mode from public.bookings where id = $1',
      [id],
    )
  ).rows[0];
}
async function ledger(bookingId: string) {
  const { rows } = await t.db.query<{ kind: string; account: string; amount: string; n: number }>(
    `select kind, account, sum(amount_minor)::text as amount, count(*)::int as n from public.ledger_entries where booking_id = $1 group by kind, account order by kind, account`,
    [bookingId],
  );
  const total = (
    await t.db.query<{ s: string | null }>('select sum(amount_minor)::text as s from public.ledger_entries where booking_id = $1', [
      bookingId,
    ])
  ).rows[0].s;
  const by = (kind: string, account: string) => Number(rows.find((r) => r.kind === kind && r.account === account)?.amount ?? 0);
  const account = (a: string) => rows.filter((r) => r.account === a).reduce((s, r) => s + Number(r.amount), 0);
  const postings = async (kind: string) =>
    (
      await t.db.query<{ n: number }>(
        'select count(distinct txn_id)::int as n from public.ledger_entries where booking_id = $1 and kind = $2',
        [bookingId, kind],
      )
    ).rows[0].n;
  return { rows, total: Number(total ?? 0), by, account, postings };
}

/** A learner holds a 60-minute session (7000 USD cents) and starts Checkout. */
async function checkout(o: { hours?: number; expert?: Awaited<ReturnType<typeof bookableExpert>>; learner?: TSessionUser } = {}) {
  const expert = o.expert ?? (await bookableExpert(t.db));
  const learner = o.learner ?? (await learners(t.db, 1))[0];
  // With Stripe configured only an expert whose payouts Stripe enabled is bookable (lib/payments/connect).
  await t.db.query(
    `insert into public.payout_accounts (expert_id, rail, stripe_account_id, charges_enabled, payouts_enabled, details_submitted)
     values ($1, 'stripe', $2, true, true, true) on conflict (expert_id) do nothing`,
    [expert.id, `acct_test_${expert.id.slice(0, 8)}`],
  );
  const start = hoursAhead(o.hours ?? 72);
  const { id: bookingId } = await createHold(t.db, learner, {
    expertSlug: expert.slug,
    start: start.toISOString(),
    lengthMinutes: 60,
    brief: 'Trees',
    timeZone: 'UTC',
  });
  const started = await startBookingCheckout(t.db, learner, bookingId);
  if ('already' in started) throw new Error('already paid');
  const p = await payment(started.paymentId);
  return { expert, learner, bookingId, paymentId: started.paymentId, sessionId: p.checkout_session_id as string, start, started };
}

/** The learner pays on Checkout and Stripe delivers checkout.session.completed. */
async function payAndDeliver(sessionId: string, fee = 233) {
  const paid = fake.pay(sessionId, { fee });
  const res = await deliver(fake.signedEvent('checkout.session.completed', paid.session));
  expect(res.status).toBe(200);
  return paid;
}

async function connectExpert(expertId: string, account = `acct_test_${expertId.slice(0, 8)}`) {
  await t.db.query(
    `insert into public.payout_accounts (expert_id, rail, stripe_account_id, charges_enabled, payouts_enabled, details_submitted) values ($1, 'stripe', $2, true, true, true)
     on conflict (expert_id) do update set stripe_account_id = excluded.stripe_account_id`,
    [expertId, account],
  );
  return account;
}

describe('Stripe Checkout: a paid booking', () => {
  it('creates the session from the booking row (price, commission, transfer group, metadata, idempotency key) and confirms on checkout.session.completed', async () => {
    const { bookingId, paymentId, sessionId, started, learner } = await checkout();
    const create = fake.requests.find(
      (r) =>
        r.method === 'POST' &&
        r.path === '/v1/checkout/sessions' &&
        (r.params.metadata as Record<string, string>)?.payment_id === paymentId,
    )!;
    expect(create.headers['idempotency-key']).toBe(`checkout:${paymentId}`);
    expect(create.params).toMatchObject({
      mode: 'payment',
      line_items: [{ quantity: '1', price_data: { currency: 'usd', unit_amount: '7000' } }],
      payment_intent_data: { transfer_group: `booking_${bookingId}`, metadata: { payment_id: paymentId, booking_id: bookingId } },
      metadata: { payment_id: paymentId, booking_id: bookingId },
      customer_email: learner.email,
    });
    // Checkout refuses expires_at under 30 minutes: the session outlives the 15-minute hold, our job ends it.
    expect(Number(create.params.expires_at)).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 30 * 60);
    const { commissionMinor } = commissionFor(7000, { percentBp: 1500, fixedMinor: 0 });
    expect(started.quote).toEqual({ amountMinor: 7000, commissionMinor, expertMinor: 7000 - commissionMinor, currency: 'USD' });
    expect(started.checkoutUrl).toBe(`https://checkout.stripe.test/c/pay/${sessionId}`);

    // A second click reuses the same payment and session.
    const again = await startBookingCheckout(t.db, learner, bookingId);
    expect(again).toMatchObject({ paymentId, checkoutUrl: started.checkoutUrl });

    const paid = await payAndDeliver(sessionId, 233);
    expect(await booking(bookingId)).toEqual({ status: 'confirmed', payment_status: 'paid', payment_mode: 'stripe' });
    expect(await payment(paymentId)).toMatchObject({
      status: 'paid',
      charge_id: paid.charge.id,
      payment_intent_id: paid.intent.id,
      transfer_status: 'not_due',
    });
    const l = await ledger(bookingId);
    expect(l.total).toBe(0);
    expect(l.by('charge', 'platform_cash')).toBe(7000);
    expect(l.by('charge', 'platform_commission')).toBe(-commissionMinor);
    expect(l.by('charge', 'expert_payable')).toBe(-(7000 - commissionMinor));
    expect(l.by('fee', 'processor_fees')).toBe(233); // the balance transaction's fee
    const { rows: mail } = await t.db.query(
      "select count(*)::int as n from public.outbox_messages where template = 'booking.confirmed' and body like '%' || $1 || '%'",
      ['Trees'],
    );
    expect(mail[0].n).toBeGreaterThanOrEqual(2);
  });
});

describe('webhooks: exactly once, in any order', () => {
  it('each event delivered 3× and shuffled → one effect each (completed, a dashboard refund, a dispute opened and won)', async () => {
    const { bookingId, paymentId, sessionId } = await checkout();
    const paid = fake.pay(sessionId, { fee: 233 });
    const completed = fake.signedEvent('checkout.session.completed', paid.session);
    const refunded = fake.signedEvent('charge.refunded', fake.refundInDashboard(paid.charge.id, 1000));
    const opened = fake.dispute(paid.charge.id, 'needs_response');
    const created = fake.signedEvent('charge.dispute.created', opened);
    const closed = fake.signedEvent('charge.dispute.closed', fake.dispute(paid.charge.id, 'won', opened.id));
    const deliveries = [completed, refunded, created, closed].flatMap((d) => [d, d, d]);
    // Shuffled with a fixed seed, delivered three at a time concurrently.
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    deliveries.sort(() => rand() - 0.5);
    const results: { status: number; body: { duplicate?: boolean } }[] = [];
    for (let i = 0; i < deliveries.length; i += 3) results.push(...(await Promise.all(deliveries.slice(i, i + 3).map((d) => deliver(d)))));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.duplicate === false)).toHaveLength(4);

    const ids = [completed, refunded, created, closed].map((d) => d.event.id);
    const { rows: stored } = await t.db.query('select id, processed_at from public.payment_events where id = any($1)', [ids]);
    expect(stored).toHaveLength(4);
    expect(stored.every((r) => r.processed_at)).toBe(true);
    expect(await booking(bookingId)).toMatchObject({ status: 'confirmed', payment_status: 'partially_refunded' });
    expect(await payment(paymentId)).toMatchObject({ status: 'partially_refunded', refunded_minor: 1000, dispute_status: 'won' });
    const l = await ledger(bookingId);
    expect(l.total).toBe(0);
    for (const kind of ['charge', 'fee', 'refund', 'dispute', 'dispute_won']) expect(await l.postings(kind)).toBe(1);
    expect(l.account('disputes')).toBe(0);
    expect(l.account('platform_cash')).toBe(7000 - 233 - 1000);
    const { rows: confirmedEvents } = await t.db.query(
      "select count(*)::int as n from public.booking_events where booking_id = $1 and kind = 'confirmed'",
      [bookingId],
    );
    expect(confirmedEvents[0].n).toBe(1);
  });

  it('a bad signature, a stale timestamp, another secret or the wrong livemode → 400 and nothing changed', async () => {
    const { bookingId, paymentId, sessionId } = await checkout();
    const paid = fake.pay(sessionId);
    const good = fake.signedEvent('checkout.session.completed', paid.session);
    const before = (await t.db.query<{ n: number }>('select count(*)::int as n from public.payment_events')).rows[0].n;
    const tampered = { payload: good.payload.replace('"amount_total":7000', '"amount_total":1'), header: good.header };
    const stale = fake.signedEvent('checkout.session.completed', paid.session, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    const otherSecret = fake.signedEvent('checkout.session.completed', paid.session, { secret: 'whsec_someone_else' });
    const live = fake.signedEvent('checkout.session.completed', paid.session, { livemode: true });
    for (const d of [tampered, stale, otherSecret, live, { payload: good.payload, header: '' }]) {
      const res = await deliver(d);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
    }
    // The platform secret does not open the Connect endpoint either.
    expect((await deliver(good, 'connect')).status).toBe(400);
    expect((await t.db.query<{ n: number }>('select count(*)::int as n from public.payment_events')).rows[0].n).toBe(before);
    expect(await payment(paymentId)).toMatchObject({ status: 'open', charge_id: null });
    expect((await booking(bookingId)).status).toBe('held');
    expect((await ledger(bookingId)).rows).toHaveLength(0);
    expect((await deliver(good)).status).toBe(200);
    expect((await booking(bookingId)).status).toBe('confirmed');
  });
});

describe('holds and Checkout expiry', () => {
  it('an expired hold expires the Checkout Session and releases the slot; the expired event later changes nothing', async () => {
    const { bookingId, paymentId, sessionId, expert, start } = await checkout();
    expect(await expireCheckout(t.db, paymentId)).toBe(false); // the hold is still live
    await t.db.query("update public.bookings set hold_expires_at = now() - interval '1 second' where id = $1", [bookingId]);
    expect(await expireCheckout(t.db, paymentId)).toBe(true);
    expect(fake.db.sessions.get(sessionId)!.status).toBe('expired');
    expect(fake.requests.some((r) => r.path === `/v1/checkout/sessions/${sessionId}/expire`)).toBe(true);
    expect((await booking(bookingId)).status).toBe('expired');
    expect((await payment(paymentId)).status).toBe('expired');
    expect((await deliver(fake.signedEvent('checkout.session.expired', fake.db.sessions.get(sessionId)!))).status).toBe(200);
    // The slot is free: another learner holds it.
    const [b] = await learners(t.db, 1);
    await expect(
      createHold(t.db, b, { expertSlug: expert.slug, start: start.toISOString(), lengthMinutes: 60, brief: '', timeZone: 'UTC' }),
    ).resolves.toMatchObject({ id: expect.any(String) });
  });

  it('a declined card releases the hold and ends the session', async () => {
    const { bookingId, paymentId, sessionId } = await checkout();
    await startRunner();
    const pi = fake.decline(sessionId);
    expect((await deliver(fake.signedEvent('payment_intent.payment_failed', pi))).status).toBe(200);
    expect((await booking(bookingId)).status).toBe('expired');
    expect((await payment(paymentId)).status).toBe('failed');
    await waitFor(() => fake.db.sessions.get(sessionId)!.status === 'expired');
  });

  it('a payment arriving after the hold expired and the slot went to someone else is refunded in full; both sides are told', async () => {
    const first = await checkout({ hours: 96 });
    // The hold lapses (the booking job) before the session-expiry job ran; another learner takes the time and pays.
    await t.db.query("update public.bookings set hold_expires_at = now() - interval '1 second' where id = $1", [first.bookingId]);
    await expireHold(t.db, first.bookingId);
    const [b] = await learners(t.db, 1);
    const second = await checkout({ expert: first.expert, learner: b, hours: 96 });
    await payAndDeliver(second.sessionId);
    expect((await booking(second.bookingId)).status).toBe('confirmed');
    // Now the first learner's payment completes on the still-open session.
    await startRunner();
    const late = await payAndDeliver(first.sessionId);
    expect((await booking(first.bookingId)).status).toBe('expired');
    await waitFor(async () => (await payment(first.paymentId)).status === 'refunded');
    const refund = [...fake.db.refunds.values()].find((r) => r.charge === late.charge.id)!;
    expect(refund).toMatchObject({ amount: 7000, status: 'succeeded' });
    expect((await booking(first.bookingId)).payment_status).toBe('refunded');
    const told = await t.db.query<{ user_id: string }>(
      "select user_id from public.notifications where kind = 'payment.refunded' and user_id = any($1)",
      [[first.learner.id, first.expert.user.id]],
    );
    expect(new Set(told.rows.map((r) => r.user_id))).toEqual(new Set([first.learner.id, first.expert.user.id]));
    const l = await ledger(first.bookingId);
    expect(l.total).toBe(0);
    expect(l.by('refund', 'platform_cash')).toBe(-7000);
    expect(l.account('expert_payable')).toBe(0);
    expect(l.account('platform_commission')).toBe(0);
  });
});

describe('transfers, refunds and disputes', () => {
  it('transfers the expert share only after completion: source_transaction, transfer_group, destination, idempotency key', async () => {
    const { bookingId, paymentId, sessionId, expert, start } = await checkout({ hours: 30 });
    const account = await connectExpert(expert.id);
    await startRunner();
    const paid = await payAndDeliver(sessionId);
    await sleep(400); // the confirmed change's listener job has run: nothing is transferred
    expect(fake.db.transfers.size === 0 || ![...fake.db.transfers.values()].some((tr) => tr.source_transaction === paid.charge.id)).toBe(
      true,
    );
    expect((await payment(paymentId)).transfer_status).toBe('not_due');
    // Even asked directly (a stray job), nothing moves before the session is over.
    expect(await runTransfer(t.db, paymentId)).toBe('skip');
    expect([...fake.db.transfers.values()].some((tr) => tr.source_transaction === paid.charge.id)).toBe(false);

    expect(await completeBooking(t.db, bookingId, { now: new Date(start.getTime() + 61 * MIN) })).toBe(true);
    await waitFor(async () => (await payment(paymentId)).transfer_status === 'transferred');
    const tr = [...fake.db.transfers.values()].find((x) => x.source_transaction === paid.charge.id)!;
    const expertShare = 7000 - commissionFor(7000, { percentBp: 1500, fixedMinor: 0 }).commissionMinor;
    expect(tr).toMatchObject({
      amount: expertShare,
      currency: 'usd',
      destination: account,
      transfer_group: `booking_${bookingId}`,
      metadata: { payment_id: paymentId },
    });
    const call = fake.requests.find((r) => r.path === '/v1/transfers' && r.params.source_transaction === paid.charge.id)!;
    expect(call.headers['idempotency-key']).toBe(`transfer:${paymentId}`);
    // transfer.created arrives afterwards: recorded once.
    expect((await deliver(fake.signedEvent('transfer.created', tr))).status).toBe(200);
    const l = await ledger(bookingId);
    expect(await l.postings('transfer')).toBe(1);
    expect(l.account('expert_payable')).toBe(0);
    expect(l.total).toBe(0);
  });

  it('a cancellation refunds per policy before any transfer; nothing is ever transferred', async () => {
    const { bookingId, paymentId, sessionId, learner, expert } = await checkout({ hours: 80 });
    await connectExpert(expert.id);
    await startRunner();
    await payAndDeliver(sessionId);
    await cancelBooking(t.db, learner, bookingId, { reason: 'Plans changed' }); // ≥ 24 h before: 100 %
    await waitFor(async () => (await payment(paymentId)).status === 'refunded');
    const call = fake.requests.find(
      (r) => r.path === '/v1/refunds' && (r.params.metadata as Record<string, string>)?.payment_id === paymentId,
    )!;
    expect(call.params.amount).toBe('7000');
    expect(String(call.headers['idempotency-key'])).toMatch(/^refund:cancel:/);
    expect(await booking(bookingId)).toMatchObject({ status: 'cancelled', payment_status: 'refunded' });
    const p = await payment(paymentId);
    expect(p.transfer_status).toBe('not_needed');
    const l = await ledger(bookingId);
    expect(l.total).toBe(0);
    expect(l.account('expert_payable')).toBe(0);
    expect(l.account('platform_commission')).toBe(0);
  });

  it('an admin refund after the transfer reverses the expert part of it; the reason is in the audit log; others get 403', async () => {
    const { bookingId, paymentId, sessionId, expert, start, learner } = await checkout({ hours: 34 });
    await connectExpert(expert.id);
    await startRunner();
    await payAndDeliver(sessionId);
    await completeBooking(t.db, bookingId, { now: new Date(start.getTime() + 61 * MIN) });
    await waitFor(async () => (await payment(paymentId)).transfer_status === 'transferred');
    const p0 = await payment(paymentId);

    const admin = await createUser(t.db, { role: 'admin', name: 'Ada Admin' });
    const cookie = async (u: TSessionUser) => `pw_session=${(await createSession(t.db, u.id, 1)).token}`;
    const refundReq = (c: string, body: unknown) =>
      ADMIN_REFUND(
        new NextRequest(`http://localhost/api/admin/payments/${paymentId}/refund`, {
          method: 'POST',
          headers: { cookie: c, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
        { params: Promise.resolve({ id: paymentId }) },
      );
    const key = crypto.randomUUID();
    expect((await refundReq(await cookie(learner), { amountMinor: 2000, reason: 'Goodwill', key })).status).toBe(403);
    expect((await refundReq(await cookie(admin), { amountMinor: 9000, reason: 'Too much', key: crypto.randomUUID() })).status).toBe(400);
    const ok = await refundReq(await cookie(admin), { amountMinor: 2000, reason: 'Audio failed for 20 minutes', key });
    expect(ok.status).toBe(200);
    // The same dialog submitted twice: one refund.
    expect((await refundReq(await cookie(admin), { amountMinor: 2000, reason: 'Audio failed for 20 minutes', key })).status).toBe(200);
    await waitFor(async () => (await payment(paymentId)).transfer_status === 'partially_reversed');
    expect([...fake.db.refunds.values()].filter((r) => r.charge === p0.charge_id)).toHaveLength(1);
    const tr = fake.db.transfers.get(p0.transfer_id as string)!;
    const share = 2000 - Math.floor((2000 * Number(p0.commission_minor)) / 7000);
    expect(tr.amount_reversed).toBe(share);
    const { rows: audit } = await t.db.query(
      "select actor_id, reason, data from public.audit_log where action = 'payment.refund' and subject_id = $1",
      [paymentId],
    );
    expect(audit).toEqual([
      { actor_id: admin.id, reason: 'Audio failed for 20 minutes', data: expect.objectContaining({ amountMinor: 2000 }) },
    ]);
    const l = await ledger(bookingId);
    expect(l.total).toBe(0);
    expect(l.account('expert_payable')).toBe(0);
    expect(await l.postings('transfer_reversal')).toBe(1);
  });

  it('an open dispute holds the transfer at completion; won, the transfer goes out', async () => {
    const { bookingId, paymentId, sessionId, expert, start } = await checkout({ hours: 38 });
    await connectExpert(expert.id);
    await startRunner();
    const paid = await payAndDeliver(sessionId);
    const d = fake.dispute(paid.charge.id, 'needs_response');
    expect((await deliver(fake.signedEvent('charge.dispute.created', d))).status).toBe(200);
    expect(await payment(paymentId)).toMatchObject({ dispute_status: 'open', transfer_status: 'held' });
    await completeBooking(t.db, bookingId, { now: new Date(start.getTime() + 61 * MIN) });
    await sleep(500);
    expect([...fake.db.transfers.values()].some((x) => x.source_transaction === paid.charge.id)).toBe(false);
    expect((await payment(paymentId)).transfer_status).toBe('held');
    expect((await deliver(fake.signedEvent('charge.dispute.closed', fake.dispute(paid.charge.id, 'won', d.id)))).status).toBe(200);
    await waitFor(async () => (await payment(paymentId)).transfer_status === 'transferred');
    const l = await ledger(bookingId);
    expect(l.total).toBe(0);
    expect(l.account('disputes')).toBe(0);
  });

  it('a lost dispute takes the money back: nothing is transferred and the ledger balances', async () => {
    const { bookingId, paymentId, sessionId, expert, start } = await checkout({ hours: 42 });
    await connectExpert(expert.id);
    await startRunner();
    const paid = await payAndDeliver(sessionId);
    const d: TStripeObj = fake.dispute(paid.charge.id, 'lost');
    // closed arrives before created
    expect((await deliver(fake.signedEvent('charge.dispute.closed', d))).status).toBe(200);
    expect((await deliver(fake.signedEvent('charge.dispute.created', { ...d, status: 'needs_response' }))).status).toBe(200);
    await completeBooking(t.db, bookingId, { now: new Date(start.getTime() + 61 * MIN) });
    await waitFor(async () => (await payment(paymentId)).transfer_status === 'not_needed');
    const l = await ledger(bookingId);
    expect(l.total).toBe(0);
    expect(l.account('expert_payable')).toBe(0);
    expect(l.account('platform_cash')).toBe(-paid.fee);
  });
});
