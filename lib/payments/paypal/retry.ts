import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import { requireAdmin } from '@/lib/auth/permissions';
import type { TDb, TQueryable } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { defineJob, enqueueJob } from '@/lib/jobs';
import { logger } from '@/lib/log/logger';
import { notifyEvent } from '@/lib/notifications/notify-event';
import { PaypalApiError } from './client';
import { senderBatchId, sendPaypalPayout } from './payout';

// Retries of PayPal payouts (issue #12).
// - Transient failures (PayPal 5xx / 429 / 408, a network error or timeout) are retried by the job system with
//   exponential backoff (JOB_PAYPAL_PAYOUT, PAYPAL_PAYOUT_ATTEMPTS attempts: 1 s, 2 s, 4 s … about 8½ minutes in
//   all). Every retry sends the same attempt: the same sender_batch_id and PayPal-Request-Id, so PayPal pays once.
// - A final failure (the job's last attempt, or a refusal such as a 4xx) marks the attempt `failed` with the reason
//   and tells the expert. Nothing was posted to the ledger for an attempt PayPal never accepted, so it stays as it
//   was; an attempt PayPal accepted and then failed (webhook FAILED / RETURNED / BLOCKED …) has its transfer
//   reversed by the webhook handler (handlers.ts).
// - An admin's "Retry payout" (retryPaypalPayout) re-sends an attempt PayPal never accepted with the same
//   sender_batch_id (if PayPal did make it after all, it refuses the duplicate and that counts as sent), or opens a
//   new attempt with a new sender_batch_id for one PayPal failed. The payment row is locked, and a unique index
//   allows one live attempt per payment, so two retries at once make one payout.

export const JOB_PAYPAL_PAYOUT = 'payments.paypal-payout';
export const PAYPAL_PAYOUT_ATTEMPTS = 10;

/** Worth another try later: PayPal's side had a problem, or the request never got an answer. */
export function isTransientPaypalError(e: unknown): boolean {
  if (e instanceof PaypalApiError) return e.status >= 500 || e.status === 429 || e.status === 408;
  if (e instanceof AppError) return false; // not configured
  return true; // fetch failed: connection refused or reset, DNS, timeout
}

function reasonOf(e: unknown): string {
  if (e instanceof PaypalApiError) {
    const issue = e.body?.details?.map((d) => d.issue).filter(Boolean)[0];
    return `${e.message}${issue ? ` (${issue})` : ''}`.slice(0, 500);
  }
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  const cause = err?.cause?.code ?? err?.cause?.message;
  return `Network error: ${err?.message ?? String(e)}${cause ? ` (${cause})` : ''}`.slice(0, 500);
}

/** Queues the payment's payout (the first attempt, or the one an admin asked to retry), in `tx`. */
export async function enqueuePaypalPayout(tx: TQueryable, paymentId: string, attempt = 1): Promise<void> {
  await enqueueJob(
    tx,
    JOB_PAYPAL_PAYOUT,
    { paymentId, payoutAttempt: attempt },
    { singletonKey: `paypal-payout:${paymentId}:${attempt}`, retryLimit: PAYPAL_PAYOUT_ATTEMPTS },
  );
}

/**
 * One run of the payout job. A transient error is thrown again while attempts are left (the job system retries it
 * after its backoff); the last one, or a refusal, marks the attempt failed instead.
 */
export async function runPaypalPayoutJob(
  db: TDb,
  paymentId: string,
  jobAttempt: number,
  maxAttempts = PAYPAL_PAYOUT_ATTEMPTS,
  payoutAttempt?: number,
): Promise<'sent' | 'retry' | 'failed'> {
  try {
    await sendPaypalPayout(db, paymentId, payoutAttempt);
    return 'sent';
  } catch (e) {
    const transient = isTransientPaypalError(e);
    if (transient && jobAttempt < maxAttempts) {
      logger().warn({ paymentId, attempt: jobAttempt, of: maxAttempts, err: e }, 'PayPal payout failed; the job retries it');
      throw e;
    }
    const reason = transient ? `Gave up after ${jobAttempt} tries. ${reasonOf(e)}` : reasonOf(e);
    await markPayoutFailed(db, paymentId, reason, payoutAttempt);
    logger().error({ paymentId, attempt: jobAttempt, reason }, 'PayPal payout failed for good');
    return 'failed';
  }
}

/** The pending attempt failed for good: `failed` with the reason, the expert told. The ledger has nothing to undo. */
export async function markPayoutFailed(db: TDb, paymentId: string, reason: string, payoutAttempt?: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ user_id: string }>(
      `update public.paypal_payouts pp set status = 'failed', error = $2, updated_at = now()
         from public.expert_profiles e
        where e.id = pp.expert_id and pp.payment_id = $1 and pp.status = 'pending'
          and pp.attempt = (select max(attempt) from public.paypal_payouts where payment_id = $1)
          and ($3::int is null or pp.attempt = $3::int)
        returning e.user_id`,
      [paymentId, reason, payoutAttempt ?? null],
    );
    if (!rows[0]) return false; // sent meanwhile, or failed already
    await notifyEvent(tx, {
      userId: rows[0].user_id,
      event: 'payout.failed',
      title: 'A PayPal payout did not go through',
      body: 'We could not send your PayPal payout for a completed session. Our team has been told and will retry it; your earnings are still owed to you.',
      link: '/earnings',
    });
    return true;
  });
}

const LIVE = ['pending', 'sent', 'succeeded', 'held', 'unclaimed'];

export type TRetryResult = { paymentId: string; attempt: number; senderBatchId: string; resent: boolean };

/**
 * An admin retries a failed PayPal payout: audit-logged, queued as a job. Conflict when the payout is not failed
 * (or is being retried already), or nothing is owed any more.
 */
export async function retryPaypalPayout(db: TDb, admin: TSessionUser, paymentId: string, reason?: string): Promise<TRetryResult> {
  requireAdmin(admin);
  return db.transaction(async (tx) => {
    // Two retries at once take turns here; the second finds the first's live attempt.
    const { rows: pay } = await tx.query<{ id: string; expert_id: string }>(
      'select id, expert_id from public.payments where id = $1 for update',
      [paymentId],
    );
    if (!pay[0]) throw new AppError('not_found', 'No such payment.');
    const { rows } = await tx.query<{
      id: string;
      attempt: number;
      status: string;
      sender_batch_id: string;
      accepted_at: Date | null;
      amount_minor: string;
      currency: string;
      error: string | null;
    }>(
      `select id, attempt, status, sender_batch_id, accepted_at, amount_minor, currency, error from public.paypal_payouts
        where payment_id = $1 order by attempt desc limit 1`,
      [paymentId],
    );
    const last = rows[0];
    if (!last) throw new AppError('not_found', 'This payment has no PayPal payout.');
    if (LIVE.includes(last.status)) throw new AppError('conflict', `This payout is ${last.status}, not failed: there is nothing to retry.`);
    const { rows: owedRows } = await tx.query<{ owed: string }>(
      `select -coalesce(sum(amount_minor), 0) as owed from public.ledger_entries where payment_id = $1 and account = 'expert_payable'`,
      [paymentId],
    );
    const owed = Number(owedRows[0].owed);
    let out: TRetryResult;
    if (!last.accepted_at) {
      // PayPal never accepted this attempt (or its answer was lost): the same batch again, so PayPal pays it at most once.
      if (owed < Number(last.amount_minor))
        throw new AppError('conflict', 'Less is owed to the expert than this payout: refunded meanwhile.');
      await tx.query(
        `update public.paypal_payouts set status = 'pending', error = null, requested_by = $2, updated_at = now() where id = $1`,
        [last.id, admin.id],
      );
      out = { paymentId, attempt: last.attempt, senderBatchId: last.sender_batch_id, resent: true };
    } else {
      if (owed <= 0) throw new AppError('conflict', 'Nothing is owed to the expert for this payment.');
      const { rows: acct } = await tx.query<{ rail: string; paypal_email: string | null }>(
        'select rail, paypal_email from public.payout_accounts where expert_id = $1',
        [pay[0].expert_id],
      );
      if (acct[0]?.rail !== 'paypal' || !acct[0].paypal_email)
        throw new AppError('conflict', 'The expert is no longer paid through PayPal.');
      const attempt = last.attempt + 1;
      const batch = senderBatchId(paymentId, attempt);
      await tx.query(
        `insert into public.paypal_payouts (payment_id, expert_id, attempt, sender_batch_id, receiver, amount_minor, currency, requested_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [paymentId, pay[0].expert_id, attempt, batch, acct[0].paypal_email, owed, last.currency, admin.id],
      );
      out = { paymentId, attempt, senderBatchId: batch, resent: false };
    }
    await tx.query(
      `insert into public.audit_log (actor_id, action, subject_type, subject_id, reason, data) values ($1, 'payout.retry', 'payment', $2, $3, $4)`,
      [
        admin.id,
        paymentId,
        reason ?? null,
        JSON.stringify({
          attempt: out.attempt,
          senderBatchId: out.senderBatchId,
          previousStatus: last.status,
          previousError: last.error,
          resent: out.resent,
        }),
      ],
    );
    await enqueuePaypalPayout(tx, paymentId, out.attempt);
    return out;
  });
}

export type TFailedPayout = {
  paymentId: string;
  attempt: number;
  expertName: string;
  receiver: string;
  amountMinor: number;
  currency: string;
  status: string;
  error: string | null;
  updatedAt: string;
};

/** The payouts waiting for an admin: each payment whose latest attempt failed, newest first. */
export async function listFailedPaypalPayouts(tx: TQueryable, limit = 100): Promise<TFailedPayout[]> {
  const { rows } = await tx.query<{
    payment_id: string;
    attempt: number;
    expert_name: string;
    receiver: string;
    amount_minor: string;
    currency: string;
    status: string;
    error: string | null;
    updated_at: Date;
  }>(
    `select pp.payment_id, pp.attempt, coalesce(e.display_name, '—') as expert_name, pp.receiver, pp.amount_minor, pp.currency, pp.status,
            pp.error, pp.updated_at
       from public.paypal_payouts pp left join public.expert_profiles e on e.id = pp.expert_id
      where pp.status not in ('pending', 'sent', 'succeeded', 'held', 'unclaimed')
        and pp.attempt = (select max(x.attempt) from public.paypal_payouts x where x.payment_id = pp.payment_id)
      order by pp.updated_at desc limit $1`,
    [limit],
  );
  return rows.map((r) => ({
    paymentId: r.payment_id,
    attempt: r.attempt,
    expertName: r.expert_name,
    receiver: r.receiver,
    amountMinor: Number(r.amount_minor),
    currency: r.currency,
    status: r.status,
    error: r.error,
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

let registered = false;
export function registerPaypalPayoutJob(): void {
  if (registered) return;
  registered = true;
  defineJob<{ paymentId: string; payoutAttempt?: number }>(JOB_PAYPAL_PAYOUT, async (d, { db, attempt }) => {
    await runPaypalPayoutJob(db, d.paymentId, attempt, PAYPAL_PAYOUT_ATTEMPTS, d.payoutAttempt);
  });
}
