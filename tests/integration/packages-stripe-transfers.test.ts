import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import '@/lib/jobs/definitions';
import { createJobRunner, type TJobRunner } from '@/lib/jobs/runner';
import { completeBooking } from '@/lib/booking/lifecycle';
import { cancelBooking } from '@/lib/booking/manage';
import { settlePackageBooking } from '@/lib/packages/settle';
import { transferPackageSessions } from '@/lib/packages/transfer';
import { getPurchase } from '@/lib/packages/views';
import { runTransfer } from '@/lib/payments/transfers';
import type { TFakeStripe } from '../support/fake-stripe';
import { startStripeHarness, stopStripeHarness } from '../support/stripe-harness';
import { deliverStripeEvent, packageCheckout, waitFor as sharedWaitFor } from '../support/package-checkout';
import { bookWithCredit, packageLedger, purchasePaymentRow } from '../support/package-factories';
import type { TTestDb } from '../support/test-db';

// A Stripe-paid package pays its expert per delivered session with a real Stripe transfer (lib/packages/transfer.ts):
// the real `stripe` SDK against tests/support/fake-stripe.ts, webhooks signed and delivered to the route handler.
// $315 for 5 × 60 min, commission 15 % = $47.25: each session's expert share is $53.55.

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
const checkout = () => packageCheckout(t.db);

function signedCompleted(sessionId: string) {
  return fake.signedEvent('checkout.session.completed', fake.db.sessions.get(sessionId)!);
}

/** A package bought through Checkout and paid (signed checkout.session.completed delivered to the webhook route). */
async function paidPackage() {
  const c = await checkout();
  const paid = fake.pay(c.payment.checkout_session_id!, { fee: 944 });
  expect((await deliver(signedCompleted(c.payment.checkout_session_id!))).status).toBe(200);
  return { ...c, charge: paid.charge, intent: paid.intent };
}

/** The session ended an hour ago: completeBooking with a `now` past its end, then the packages.booking-change job's function. */
async function complete(bookingId: string) {
  const { rows } = await t.db.query<{ ends_at: Date }>('select ends_at from public.bookings where id = $1', [bookingId]);
  expect(await completeBooking(t.db, bookingId, { now: new Date(rows[0].ends_at.getTime() + 60 * 60_000) })).toBe(true);
  return settlePackageBooking(t.db, { bookingId, change: 'completed', sequence: 1 });
}

const transferCalls = (group: string) =>
  fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/transfers' && r.params.transfer_group === group);
const fakeTransfers = (group: string) => [...fake.db.transfers.values()].filter((x) => x.transfer_group === group);

async function transferPostings(paymentId: string) {
  const { rows } = await t.db.query<{ booking_id: string; source_ref: string; expert: string }>(
    `select booking_id, source_ref, sum(amount_minor) filter (where account = 'expert_payable')::text as expert
       from public.ledger_entries where payment_id = $1 and kind = 'transfer' group by txn_id, booking_id, source_ref`,
    [paymentId],
  );
  return rows.map((r) => ({ ...r, expert: Number(r.expert) }));
}

describe('a Stripe-paid package session, once completed', () => {
  it('is paid to the expert by one real Stripe transfer of its share (job run twice, transfer.created twice → still one); the uncompleted session is not', async () => {
    const { learner, expert, purchaseId, payment, charge } = await paidPackage();
    const done = await bookWithCredit(t.db, learner, expert, purchaseId);
    const later = await bookWithCredit(t.db, learner, expert, purchaseId);
    const group = `package_${purchaseId}`;

    expect(await complete(done)).toBe('earned');
    expect(await settlePackageBooking(t.db, { bookingId: done, change: 'completed', sequence: 1 })).toBe(null); // the job again

    const calls = transferCalls(group);
    expect(calls).toHaveLength(1);
    expect(calls[0].headers['idempotency-key']).toBe(`transfer:pkg:${done}`);
    expect(calls[0].params).toMatchObject({
      amount: '5355',
      currency: 'usd',
      destination: `acct_test_${expert.id.slice(0, 8)}`,
      transfer_group: group,
      source_transaction: charge.id,
      metadata: { payment_id: payment.id, booking_id: done },
    });
    const [tr] = fakeTransfers(group);
    expect(fakeTransfers(group)).toHaveLength(1);

    // Stripe's transfer.created for it, delivered twice, records nothing more.
    const created = fake.signedEvent('transfer.created', tr);
    for (const d of [created, created]) expect((await deliver(d)).status).toBe(200);
    expect(transferCalls(group)).toHaveLength(1);
    expect(await transferPostings(payment.id)).toEqual([{ booking_id: done, source_ref: tr.id, expert: 5355 }]);
    expect(await packageLedger(t.db, purchaseId)).toEqual({
      platform_cash: 31_500 - 944 - 5355,
      platform_commission: -4725,
      expert_payable: -26_775 + 5355,
      processor_fees: 944,
    });
    expect(await purchasePaymentRow(t.db, purchaseId)).toMatchObject({ transfer_id: tr.id, transfer_status: 'not_due' });
    // A queued payments.transfer job on the package's payment pays what is due per session, never the whole package.
    expect(await runTransfer(t.db, payment.id)).toBe('package');
    expect(transferCalls(group)).toHaveLength(1);
    // The session not yet completed: nothing moved for it.
    const { rows } = await t.db.query('select state from public.package_sessions where booking_id = $1', [later]);
    expect(rows[0].state).toBe('booked');
    expect(fakeTransfers(group).filter((x) => (x.metadata as Record<string, string>).booking_id === later)).toEqual([]);
    expect((await getPurchase(t.db, learner, purchaseId))!).toMatchObject({ remaining: 3 });
  });

  it('waits while the package payment is disputed and pays once the dispute is won; a no-show report holds the session', async () => {
    const { learner, expert, purchaseId, payment, charge, intent } = await paidPackage();
    const first = await bookWithCredit(t.db, learner, expert, purchaseId);
    const second = await bookWithCredit(t.db, learner, expert, purchaseId);
    const group = `package_${purchaseId}`;
    const dispute = {
      id: `dp_${purchaseId.slice(0, 8)}`,
      object: 'dispute',
      charge: charge.id,
      payment_intent: intent.id,
      amount: 31_500,
      status: 'needs_response',
    };
    expect((await deliver(fake.signedEvent('charge.dispute.created', dispute))).status).toBe(200);

    expect(await complete(first)).toBe('earned');
    expect(transferCalls(group)).toHaveLength(0);
    expect(await purchasePaymentRow(t.db, purchaseId)).toMatchObject({ transfer_status: 'held' });
    expect(await runTransfer(t.db, payment.id)).toBe('skip');
    expect(transferCalls(group)).toHaveLength(0);

    // Won: the payments core queues payments.transfer; the job runner pays the held session.
    expect((await deliver(fake.signedEvent('charge.dispute.closed', { ...dispute, status: 'won' }))).status).toBe(200);
    runner = await createJobRunner(t.db, { pollMs: 50, retryBaseMs: 100, leaseMs: 2000 });
    await waitFor(() => transferCalls(group).length > 0);
    await runner.stop(3000);
    runner = null;
    expect(transferCalls(group)).toHaveLength(1);
    expect(transferCalls(group)[0].params).toMatchObject({ amount: '5355', metadata: { booking_id: first } });

    // A completed session with a no-show report (filed after completion) is not paid while the report stands.
    expect(await complete(second)).toBe('earned');
    expect(transferCalls(group)).toHaveLength(2);
    const third = await bookWithCredit(t.db, learner, expert, purchaseId);
    const { rows } = await t.db.query<{ ends_at: Date }>('select ends_at from public.bookings where id = $1', [third]);
    expect(await completeBooking(t.db, third, { now: new Date(rows[0].ends_at.getTime() + 60_000) })).toBe(true);
    await t.db.query(
      "insert into public.no_show_reports (booking_id, reporter_role, reporter_id, absent_role) values ($1, 'learner', $2, 'expert')",
      [third, learner.id],
    );
    expect(await settlePackageBooking(t.db, { bookingId: third, change: 'completed', sequence: 1 })).toBe('earned');
    expect(transferCalls(group)).toHaveLength(2);
    const l = await packageLedger(t.db, purchaseId);
    expect(Object.values(l).reduce((s, n) => s + n, 0)).toBe(0);
    expect((await transferPostings(payment.id)).map((p) => p.expert)).toEqual([5355, 5355]);
  });

  it('a late cancellation forfeits the credit and pays the expert that share; one returned in time pays nothing', async () => {
    const { learner, expert, purchaseId, payment } = await paidPackage();
    const group = `package_${purchaseId}`;
    const early = await bookWithCredit(t.db, learner, expert, purchaseId);
    await cancelBooking(t.db, learner, early, { reason: 'Clash' });
    expect(await settlePackageBooking(t.db, { bookingId: early, change: 'cancelled', sequence: 1 })).toBe('returned');
    expect(transferCalls(group)).toHaveLength(0);
    const late = await bookWithCredit(t.db, learner, expert, purchaseId);
    await t.db.query(
      "update public.bookings set starts_at = now() + interval '2 hours', ends_at = now() + interval '3 hours' where id = $1",
      [late],
    );
    await cancelBooking(t.db, learner, late, {});
    expect(await settlePackageBooking(t.db, { bookingId: late, change: 'cancelled', sequence: 2 })).toBe('forfeited');
    expect(transferCalls(group)).toHaveLength(1);
    expect(transferCalls(group)[0].params).toMatchObject({ amount: '5355', metadata: { booking_id: late } });
    const [tr] = fakeTransfers(group);
    expect(await transferPostings(payment.id)).toEqual([{ booking_id: late, source_ref: tr.id, expert: 5355 }]);
    expect(await transferPostings(payment.id)).not.toContainEqual(expect.objectContaining({ source_ref: `sim_tr_pkg_${late}` }));
  });

  it('pays nothing for a session delivered under a dispute that was then lost', async () => {
    const { learner, expert, purchaseId, charge, intent } = await paidPackage();
    const group = `package_${purchaseId}`;
    const booking = await bookWithCredit(t.db, learner, expert, purchaseId);
    const dispute = {
      id: `dp_l${purchaseId.slice(0, 8)}`,
      object: 'dispute',
      charge: charge.id,
      payment_intent: intent.id,
      amount: 31_500,
    };
    expect((await deliver(fake.signedEvent('charge.dispute.created', { ...dispute, status: 'needs_response' }))).status).toBe(200);
    expect(await complete(booking)).toBe('earned');
    expect((await deliver(fake.signedEvent('charge.dispute.closed', { ...dispute, status: 'lost' }))).status).toBe(200);
    // Lost in full: nothing is due any more, and the session's own transfer path pays nothing either.
    const pay = await purchasePaymentRow(t.db, purchaseId);
    expect(pay).toMatchObject({ dispute_status: 'lost', transfer_status: 'not_needed' });
    expect(await runTransfer(t.db, pay.id)).toBe('skip');
    expect(await transferPackageSessions(t.db, pay.id)).toBe(0);
    expect(await settlePackageBooking(t.db, { bookingId: booking, change: 'completed', sequence: 1 })).toBe(null);
    expect(transferCalls(group)).toHaveLength(0);
  });
});
