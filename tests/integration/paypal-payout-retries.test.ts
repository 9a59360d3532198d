import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as retryRoute } from '@/app/api/admin/payments/[id]/retry-payout/route';
import { POST as paypalWebhook } from '@/app/api/webhooks/paypal/route';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createJobRunner, type TJobRunner } from '@/lib/jobs/runner';
import { choosePaypal } from '@/lib/payments/connect/onboarding';
import { resetPaypalTokenForTests } from '@/lib/payments/paypal/client';
import { senderBatchId } from '@/lib/payments/paypal/payout';
import { JOB_PAYPAL_PAYOUT, retryPaypalPayout, runPaypalPayoutJob } from '@/lib/payments/paypal/retry';
import { loadAdminPayments } from '@/lib/payments/reports';
import { registerExpertPaymentHandlers } from '@/lib/payments/register-expert';
import { runTransfer } from '@/lib/payments/transfers';
import { createExpertProfile, createUser } from '../support/factories';
import { startFakePaypal, type TFakePaypal } from '../support/fake-paypal';
import { expectLoggedError } from '../support/logged-errors';
import { createPaidBooking } from '../support/payment-factories';
import { callRoute, closeRouteDb, openRouteDb, sessionCookie, type TRouteHandler } from '../support/route-harness';
import type { TTestDb } from '../support/test-db';

// PayPal payout retries against the local fake PayPal: transient failures (503, a dropped connection) retried by
// the job system with backoff and the same sender_batch_id, a final failure marked `failed` with its reason and
// the expert told, the ledger untouched (never accepted) or reversed (accepted, then FAILED / BLOCKED), and an
// admin's Retry payout — audited, a new sender_batch_id only for an attempt PayPal failed, one payout however
// many retries arrive at once.

let t: TTestDb;
let pp: TFakePaypal;
let expertUser: TSessionUser;
let expertId: string;
let learner: TSessionUser;
let admin: TSessionUser;
let adminCookie: string;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await sleep(50);
  }
}
const attempts = async (paymentId: string) =>
  (
    await t.db.query<{ attempt: number; status: string; sender_batch_id: string; error: string | null; accepted: boolean }>(
      `select attempt, status, sender_batch_id, error, accepted_at is not null as accepted from public.paypal_payouts
        where payment_id = $1 order by attempt`,
      [paymentId],
    )
  ).rows;
const ledger = async (paymentId: string) =>
  (
    await t.db.query<{ account: string; kind: string; amount: string }>(
      `select account, kind, sum(amount_minor)::text as amount from public.ledger_entries where payment_id = $1 group by 1, 2 order by 2, 1`,
      [paymentId],
    )
  ).rows.map((r) => `${r.kind}:${r.account}:${r.amount}`);
/** Still owed to the expert for the payment, and whether every posting (txn) on it balances. */
const books = async (paymentId: string) => {
  const { rows } = await t.db.query<{ owed: string; unbalanced: number }>(
    `select (select -coalesce(sum(amount_minor), 0) from public.ledger_entries where payment_id = $1 and account = 'expert_payable')::text as owed,
            (select count(*)::int from (select txn_id from public.ledger_entries where payment_id = $1 group by txn_id having sum(amount_minor) <> 0) x)
              as unbalanced`,
    [paymentId],
  );
  return { owed: Number(rows[0].owed), unbalanced: rows[0].unbalanced };
};
const batchesFor = (paymentId: string) => [...pp.batches.values()].filter((b) => b.sender_batch_id.startsWith(senderBatchId(paymentId)));
const payoutPosts = (paymentId: string) =>
  pp.requests.filter(
    (r) => r.path === '/v1/payments/payouts' && String(r.headers['paypal-request-id'] ?? '').startsWith(senderBatchId(paymentId)),
  );
const notes = async () =>
  (
    await t.db.query<{ kind: string; title: string; body: string }>(
      'select kind, title, body from public.notifications where user_id = $1 order by created_at',
      [expertUser.id],
    )
  ).rows;
const deliver = (event: unknown) =>
  callRoute(paypalWebhook, { method: 'POST', path: '/api/webhooks/paypal', body: { raw: JSON.stringify(event) }, headers: pp.sign(event) });
const retry = (paymentId: string, cookie = adminCookie) =>
  callRoute(retryRoute as unknown as TRouteHandler, {
    method: 'POST',
    path: `/api/admin/payments/${paymentId}/retry-payout`,
    params: { id: paymentId },
    body: { json: { reason: 'PayPal account fixed' } },
    cookie,
  });

async function withRunner<T>(fn: () => Promise<T>): Promise<T> {
  const runner: TJobRunner = await createJobRunner(t.db, { pollMs: 50, retryBaseMs: 200, leaseMs: 10_000 });
  try {
    return await fn();
  } finally {
    await runner.stop(10_000);
  }
}
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
  admin = await createUser(t.db, { role: 'admin' });
  adminCookie = await sessionCookie(t.db, admin);
  await choosePaypal(t.db, expertUser, { email: 'emily.payee@example.test', country: 'NG' });
});
afterAll(async () => {
  await closeRouteDb(t);
  await pp.close();
  vi.unstubAllEnvs();
});

describe('PayPal payout retries', () => {
  it('a 503 then success: the job system retries with backoff, the same sender_batch_id, and the expert is paid once', async () => {
    const paid = await createPaidBooking(t.db, expertId, learner.id, { amountMinor: 5000, commissionMinor: 750 });
    expect(await runTransfer(t.db, paid.paymentId)).toBe('paypal'); // queues the payout job
    pp.payoutFailures.push(503);
    expectLoggedError(/^job failed; will retry: PaypalApiError: PayPal answered 503/);
    await withRunner(() => waitFor(async () => (await attempts(paid.paymentId))[0]?.status === 'sent'));
    const posts = payoutPosts(paid.paymentId);
    expect(posts.length).toBe(2);
    expect(new Set(posts.map((r) => r.headers['paypal-request-id']))).toEqual(new Set([senderBatchId(paid.paymentId)]));
    expect(batchesFor(paid.paymentId).length).toBe(1);
    expect(await attempts(paid.paymentId)).toEqual([
      { attempt: 1, status: 'sent', sender_batch_id: senderBatchId(paid.paymentId), error: null, accepted: true },
    ]);
    expect((await ledger(paid.paymentId)).filter((l) => l.startsWith('transfer:'))).toEqual([
      'transfer:expert_payable:4250',
      'transfer:platform_cash:-4250',
    ]);
    // The job ran twice: once failed (kept for the backoff), once done.
    const { rows } = await t.db.query<{ n: number }>(
      `select count(*)::int as n from public.jobs where name = $1 and data->>'paymentId' = $2 and attempts = 2 and done_at is not null`,
      [JOB_PAYPAL_PAYOUT, paid.paymentId],
    );
    if (!t.url) expect(rows[0].n).toBe(1); // PGlite: the table queue (on Postgres pg-boss keeps the job)
  });

  it('a network error on every try: the last attempt marks it failed with the reason, tells the expert, and posts nothing', async () => {
    const paid = await createPaidBooking(t.db, expertId, learner.id, { amountMinor: 3000, commissionMinor: 300 });
    await runTransfer(t.db, paid.paymentId);
    pp.payoutFailures.push('network', 'network', 'network');
    expectLoggedError(/^PayPal payout failed for good/);
    await expect(runPaypalPayoutJob(t.db, paid.paymentId, 1, 3)).rejects.toThrow();
    expect((await attempts(paid.paymentId))[0].status).toBe('pending'); // retried later, not failed yet
    await expect(runPaypalPayoutJob(t.db, paid.paymentId, 2, 3)).rejects.toThrow();
    expect(await runPaypalPayoutJob(t.db, paid.paymentId, 3, 3)).toBe('failed');
    const [a] = await attempts(paid.paymentId);
    expect(a).toMatchObject({ attempt: 1, status: 'failed', accepted: false });
    expect(a.error).toMatch(/^Gave up after 3 tries\. Network error/);
    expect(await ledger(paid.paymentId)).toEqual([
      'charge:expert_payable:-2700',
      'charge:platform_cash:3000',
      'charge:platform_commission:-300',
    ]);
    expect(batchesFor(paid.paymentId)).toEqual([]);
    expect((await notes()).map((n) => `${n.kind}: ${n.title}`)).toContain('payout.failed: A PayPal payout did not go through');
    // The admin sees it on /admin/payments.
    const { failedPayouts } = await loadAdminPayments(t.db, admin);
    expect(failedPayouts.find((p) => p.paymentId === paid.paymentId)).toMatchObject({ status: 'failed', attempt: 1, amountMinor: 2700 });

    // Retry: PayPal never accepted it, so the same sender_batch_id goes again, and pays once.
    const res = await retry(paid.paymentId);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({
      paymentId: paid.paymentId,
      attempt: 1,
      senderBatchId: senderBatchId(paid.paymentId),
      resent: true,
    });
    expect(await runPaypalPayoutJob(t.db, paid.paymentId, 1)).toBe('sent');
    expect(batchesFor(paid.paymentId).length).toBe(1);
    expect(await books(paid.paymentId)).toEqual({ owed: 0, unbalanced: 0 });
  });

  it('a refusal (4xx) is final at once: no retries', async () => {
    const paid = await createPaidBooking(t.db, expertId, learner.id, { amountMinor: 2000, commissionMinor: 200 });
    await runTransfer(t.db, paid.paymentId);
    pp.payoutFailures.push(422);
    expectLoggedError(/^PayPal payout failed for good/);
    expect(await runPaypalPayoutJob(t.db, paid.paymentId, 1)).toBe('failed');
    expect((await attempts(paid.paymentId))[0]).toMatchObject({ status: 'failed', accepted: false });
    expect((await attempts(paid.paymentId))[0].error).toMatch(/^PayPal answered 422/);
  });

  it('a FAILED webhook: marked failed, the expert told, the transfer reversed and every posting balanced', async () => {
    const paid = await createPaidBooking(t.db, expertId, learner.id, { amountMinor: 4000, commissionMinor: 600 });
    await runTransfer(t.db, paid.paymentId);
    expect(await runPaypalPayoutJob(t.db, paid.paymentId, 1)).toBe('sent');
    expect(await books(paid.paymentId)).toEqual({ owed: 0, unbalanced: 0 });
    const before = (await notes()).length;
    expect((await deliver(pp.itemEvent(senderBatchId(paid.paymentId), 'FAILED'))).status).toBe(200);
    expect(await attempts(paid.paymentId)).toEqual([
      { attempt: 1, status: 'failed', sender_batch_id: senderBatchId(paid.paymentId), error: 'Receiver is unregistered', accepted: true },
    ]);
    expect(await books(paid.paymentId)).toEqual({ owed: 3400, unbalanced: 0 });
    const told = (await notes()).slice(before);
    expect(told.map((n) => `${n.kind}: ${n.title}`)).toEqual(['payout.failed: A PayPal payout did not go through']);
    expect(told[0].body).toContain('failed (Receiver is unregistered)');
  });

  it('admin Retry payout: a new sender_batch_id, audited, paid once; a second retry and an old FAILED event change nothing', async () => {
    const paid = await createPaidBooking(t.db, expertId, learner.id, { amountMinor: 6000, commissionMinor: 900 });
    await runTransfer(t.db, paid.paymentId);
    await runPaypalPayoutJob(t.db, paid.paymentId, 1);
    const firstFailed = pp.itemEvent(senderBatchId(paid.paymentId), 'BLOCKED');
    await deliver(firstFailed);
    expect(await books(paid.paymentId)).toEqual({ owed: 5100, unbalanced: 0 });

    const res = await retry(paid.paymentId);
    expect(res.status).toBe(200);
    const second = senderBatchId(paid.paymentId, 2);
    expect(second).toBe(`pathwise-${paid.paymentId}-r2`);
    expect(JSON.parse(res.text)).toEqual({ paymentId: paid.paymentId, attempt: 2, senderBatchId: second, resent: false });
    const audit = await t.db.query<{ actor_id: string; reason: string; data: Record<string, unknown> }>(
      `select actor_id, reason, data from public.audit_log where action = 'payout.retry' and subject_id = $1`,
      [paid.paymentId],
    );
    expect(audit.rows).toEqual([
      {
        actor_id: admin.id,
        reason: 'PayPal account fixed',
        data: { attempt: 2, senderBatchId: second, previousStatus: 'blocked', previousError: 'Receiver is unregistered', resent: false },
      },
    ]);
    await withRunner(() => waitFor(async () => (await attempts(paid.paymentId))[1]?.status === 'sent'));
    expect(
      batchesFor(paid.paymentId)
        .map((b) => b.sender_batch_id)
        .sort(),
    ).toEqual([senderBatchId(paid.paymentId), second]);
    expect(await books(paid.paymentId)).toEqual({ owed: 0, unbalanced: 0 });

    // Not failed any more: nothing to retry.
    const again = await retry(paid.paymentId);
    expect(again.status).toBe(409);
    // The first attempt's failure delivered again (a new event id): the live attempt stays as it is.
    await deliver({ ...firstFailed, id: `${String(firstFailed.id)}-again` });
    expect((await attempts(paid.paymentId)).map((a) => a.status)).toEqual(['blocked', 'sent']);
    expect(await books(paid.paymentId)).toEqual({ owed: 0, unbalanced: 0 });

    // PayPal pays the second attempt.
    expect((await deliver(pp.itemEvent(second, 'SUCCEEDED', { fee: '0.25' }))).status).toBe(200);
    expect((await attempts(paid.paymentId)).map((a) => a.status)).toEqual(['blocked', 'succeeded']);
    expect(await ledger(paid.paymentId)).toEqual([
      'charge:expert_payable:-5100',
      'charge:platform_cash:6000',
      'charge:platform_commission:-900',
      'fee:platform_cash:-25',
      'fee:processor_fees:25',
      'payout:expert_balance:5100',
      'payout:expert_bank:-5100',
      'transfer:expert_payable:10200',
      'transfer:platform_cash:-10200',
      'transfer_reversal:expert_payable:-5100',
      'transfer_reversal:platform_cash:5100',
    ]);
    const { rows } = await t.db.query<{ bank: string }>(
      `select (-sum(amount_minor))::text as bank from public.ledger_entries where payment_id = $1 and account = 'expert_bank'`,
      [paid.paymentId],
    );
    expect(rows[0].bank).toBe('5100'); // once
  });

  it('two retries at once open one attempt and make one payout', async () => {
    const paid = await createPaidBooking(t.db, expertId, learner.id, { amountMinor: 2500, commissionMinor: 250 });
    await runTransfer(t.db, paid.paymentId);
    await runPaypalPayoutJob(t.db, paid.paymentId, 1);
    await deliver(pp.itemEvent(senderBatchId(paid.paymentId), 'RETURNED'));
    const results = await Promise.all([
      retry(paid.paymentId),
      retry(paid.paymentId),
      retryPaypalPayout(t.db, admin, paid.paymentId).catch((e) => e),
    ]);
    const statuses = [results[0].status, results[1].status, results[2] instanceof Error ? 409 : 200].sort();
    expect(statuses).toEqual([200, 409, 409]);
    expect((await attempts(paid.paymentId)).map((a) => [a.attempt, a.status])).toEqual([
      [1, 'returned'],
      [2, 'pending'],
    ]);
    await withRunner(() => waitFor(async () => (await attempts(paid.paymentId))[1]?.status === 'sent'));
    expect(batchesFor(paid.paymentId).length).toBe(2); // the returned one and the retry
    expect(payoutPosts(paid.paymentId).filter((r) => r.headers['paypal-request-id'] === senderBatchId(paid.paymentId, 2)).length).toBe(1);
    expect(await books(paid.paymentId)).toEqual({ owed: 0, unbalanced: 0 });
    const audit = await t.db.query<{ n: number }>(
      `select count(*)::int as n from public.audit_log where action = 'payout.retry' and subject_id = $1`,
      [paid.paymentId],
    );
    expect(audit.rows[0].n).toBe(1);
  });

  it('only admins may retry', async () => {
    const res = await retry(crypto.randomUUID(), await sessionCookie(t.db, expertUser));
    expect(res.status).toBe(403);
    await expect(retryPaypalPayout(t.db, expertUser, crypto.randomUUID())).rejects.toMatchObject({ code: 'forbidden' });
  });
});
