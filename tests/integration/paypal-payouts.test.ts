import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as paypalWebhook } from '@/app/api/webhooks/paypal/route';
import type { TSessionUser } from '@/lib/auth/schemas';
import { choosePaypal } from '@/lib/payments/connect/onboarding';
import { resetPaypalTokenForTests } from '@/lib/payments/paypal/client';
import { senderBatchId, sendPaypalPayout } from '@/lib/payments/paypal/payout';
import { registerExpertPaymentHandlers } from '@/lib/payments/register-expert';
import { createExpertProfile, createUser } from '../support/factories';
import { startFakePaypal, type TFakePaypal } from '../support/fake-paypal';
import { createPaidBooking } from '../support/payment-factories';
import { callRoute, changedTables, closeRouteDb, openRouteDb, snapshotTables } from '../support/route-harness';
import type { TTestDb } from '../support/test-db';

// The PayPal payout rail against a local server answering as PayPal's REST API does: OAuth client credentials,
// one payout per payment however often it is sent, and payout item webhooks verified by PayPal's
// verify-webhook-signature and applied once. Stripe is not configured here, so PayPal is offered to everyone.

let t: TTestDb;
let pp: TFakePaypal;
let expertUser: TSessionUser;
let expertId: string;
let learner: TSessionUser;

const ledger = async (paymentId: string) =>
  (
    await t.db.query<{ account: string; kind: string; amount: string }>(
      `select account, kind, sum(amount_minor)::text as amount from public.ledger_entries where payment_id = $1 group by 1, 2 order by 2, 1`,
      [paymentId],
    )
  ).rows.map((r) => `${r.kind}:${r.account}:${r.amount}`);
const payout = async (paymentId: string) =>
  (
    await t.db.query<{ status: string; payout_batch_id: string | null; amount_minor: string }>(
      'select status, payout_batch_id, amount_minor::text as amount_minor from public.paypal_payouts where payment_id = $1',
      [paymentId],
    )
  ).rows[0];
const deliver = (event: unknown, headers = pp.sign(event)) =>
  callRoute(paypalWebhook, { method: 'POST', path: '/api/webhooks/paypal', body: { raw: JSON.stringify(event) }, headers });

beforeAll(async () => {
  pp = await startFakePaypal();
  vi.stubEnv('PAYPAL_CLIENT_ID', pp.clientId);
  vi.stubEnv('PAYPAL_CLIENT_SECRET', pp.clientSecret);
  vi.stubEnv('PAYPAL_WEBHOOK_ID', pp.webhookId);
  vi.stubEnv('PAYPAL_API_BASE', pp.url);
  vi.stubEnv('STRIPE_SECRET_KEY', '');
  registerExpertPaymentHandlers();
  resetPaypalTokenForTests();
  t = await openRouteDb();
  expertUser = await createUser(t.db, { role: 'expert' });
  expertId = (await createExpertProfile(t.db, expertUser.id)).id;
  learner = await createUser(t.db, { role: 'learner' });
  await choosePaypal(t.db, expertUser, { email: 'Emily.Payee@Example.test', country: 'NG' });
});
afterAll(async () => {
  await closeRouteDb(t);
  await pp.close();
  vi.unstubAllEnvs();
});

describe('PayPal payouts', () => {
  it('gets a token with client credentials and sends the expert share once, despite retries and a dropped answer', async () => {
    const paid = await createPaidBooking(t.db, expertId, learner.id, { amountMinor: 5000, commissionMinor: 750 });
    pp.dropNextPayoutAnswer = true; // PayPal makes the payout, the answer never arrives
    await expect(sendPaypalPayout(t.db, paid.paymentId)).rejects.toThrow();
    expect(await payout(paid.paymentId)).toMatchObject({ status: 'pending', payout_batch_id: null });
    await sendPaypalPayout(t.db, paid.paymentId); // the job's retry: same PayPal-Request-Id → PayPal's first answer
    await sendPaypalPayout(t.db, paid.paymentId); // and again: nothing left to send
    expect(pp.batches.size).toBe(1);
    const batch = [...pp.batches.values()][0];
    expect(batch.sender_batch_id).toBe(senderBatchId(paid.paymentId));
    expect(batch.items[0]).toMatchObject({
      recipient_type: 'EMAIL',
      receiver: 'emily.payee@example.test',
      amount: { value: '42.50', currency: 'USD' },
      sender_item_id: paid.paymentId,
    });
    expect(pp.tokensIssued).toBe(1);
    const posts = pp.requests.filter((r) => r.path === '/v1/payments/payouts');
    expect(posts.length).toBe(2);
    expect(new Set(posts.map((r) => r.headers['paypal-request-id']))).toEqual(new Set([senderBatchId(paid.paymentId)]));
    expect(await payout(paid.paymentId)).toMatchObject({ status: 'sent', payout_batch_id: batch.payout_batch_id, amount_minor: '4250' });
    expect(await ledger(paid.paymentId)).toEqual([
      'charge:expert_payable:-4250',
      'charge:platform_cash:5000',
      'charge:platform_commission:-750',
      'transfer:expert_payable:4250',
      'transfer:platform_cash:-4250',
    ]);
  });

  it('a sender_batch_id PayPal has seen is not paid twice, even when our commit was lost and PayPal forgot the request id', async () => {
    const paid = await createPaidBooking(t.db, expertId, learner.id, { amountMinor: 1000, commissionMinor: 100 });
    await sendPaypalPayout(t.db, paid.paymentId);
    // As if the commit after PayPal's answer never happened: the row is back to pending with no batch id.
    await t.db.query(`update public.paypal_payouts set status = 'pending', payout_batch_id = null where payment_id = $1`, [paid.paymentId]);
    await t.db.query(`delete from public.ledger_entries where payment_id = $1 and kind = 'transfer'`, [paid.paymentId]);
    const before = pp.batches.size;
    const { rows } = await t.db.query<{ n: number }>('select count(*)::int as n from public.paypal_payouts');
    // PayPal no longer remembers the request id: its sender_batch_id check refuses the repeat, and that counts as sent.
    pp.forgetRequestIds();
    await sendPaypalPayout(t.db, paid.paymentId);
    const last = pp.requests.filter((r) => r.path === '/v1/payments/payouts').at(-1);
    expect(last?.headers['paypal-request-id']).toBe(senderBatchId(paid.paymentId));
    expect(pp.batches.size).toBe(before);
    expect((await t.db.query<{ n: number }>('select count(*)::int as n from public.paypal_payouts')).rows[0].n).toBe(rows[0].n);
    expect(await payout(paid.paymentId)).toMatchObject({ status: 'sent' });
    expect((await ledger(paid.paymentId)).filter((l) => l.startsWith('transfer:'))).toEqual([
      'transfer:expert_payable:900',
      'transfer:platform_cash:-900',
    ]);
  });

  it('a SUCCEEDED webhook, delivered twice, marks the payout and posts it (and PayPal’s fee) once', async () => {
    const paid = await createPaidBooking(t.db, expertId, learner.id, { amountMinor: 2000, commissionMinor: 300 });
    await sendPaypalPayout(t.db, paid.paymentId);
    const event = pp.itemEvent(senderBatchId(paid.paymentId), 'SUCCEEDED', { fee: '0.25' });
    const first = await deliver(event);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.text)).toEqual({ received: true, duplicate: false });
    const second = await deliver(event);
    expect(JSON.parse(second.text)).toEqual({ received: true, duplicate: true });
    expect(await payout(paid.paymentId)).toMatchObject({ status: 'succeeded' });
    expect((await ledger(paid.paymentId)).filter((l) => /^(payout|fee)/.test(l))).toEqual([
      'fee:platform_cash:-25',
      'fee:processor_fees:25',
      'payout:expert_balance:1700',
      'payout:expert_bank:-1700',
    ]);
    const { rows } = await t.db.query<{ n: number }>(
      `select count(*)::int as n from public.payment_events where id = $1 and provider = 'paypal' and processed_at is not null`,
      [event.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('a FAILED item reverses the transfer so the share is owed again, once', async () => {
    const paid = await createPaidBooking(t.db, expertId, learner.id, { amountMinor: 3000, commissionMinor: 450 });
    await sendPaypalPayout(t.db, paid.paymentId);
    const event = pp.itemEvent(senderBatchId(paid.paymentId), 'FAILED');
    expect((await deliver(event)).status).toBe(200);
    expect((await deliver(event)).status).toBe(200);
    expect(await payout(paid.paymentId)).toMatchObject({ status: 'failed' });
    const { rows } = await t.db.query<{ owed: string; transfer_status: string }>(
      `select (select -sum(amount_minor) from public.ledger_entries where payment_id = $1 and account = 'expert_payable')::text as owed,
              (select transfer_status from public.payments where id = $1) as transfer_status`,
      [paid.paymentId],
    );
    expect(rows[0]).toEqual({ owed: '2550', transfer_status: 'reversed' });
    const notes = await t.db.query<{ title: string }>(`select title from public.notifications where user_id = $1 order by created_at`, [
      expertUser.id,
    ]);
    expect(notes.rows.map((n) => n.title)).toContain('A PayPal payout did not go through');
  });

  it('a bad signature is refused with 400 and nothing changes', async () => {
    const paid = await createPaidBooking(t.db, expertId, learner.id, { amountMinor: 2500, commissionMinor: 375 });
    await sendPaypalPayout(t.db, paid.paymentId);
    const event = pp.itemEvent(senderBatchId(paid.paymentId), 'SUCCEEDED');
    const before = await snapshotTables(t.db);
    const forged = { ...pp.sign(event), 'paypal-transmission-sig': 'Zm9yZ2Vk' };
    const res = await deliver(event, forged);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error.code).toBe('invalid_input');
    // The event is altered after signing: PayPal's check fails too.
    const tampered = await deliver(
      { ...event, resource: { ...(event.resource as object), payout_item_fee: { currency: 'USD', value: '0.00' } } },
      pp.sign(event),
    );
    expect(tampered.status).toBe(400);
    const missing = await deliver(event, { 'content-type': 'application/json' });
    expect(missing.status).toBe(400);
    expect(changedTables(before, await snapshotTables(t.db))).toEqual([]);
    expect(await payout(paid.paymentId)).toMatchObject({ status: 'sent' });
  });
});
