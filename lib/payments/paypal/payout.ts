import 'server-only';
import type { TDb, TPrivilegedTx } from '@/lib/db';
import { logger } from '@/lib/log/logger';
import { postLedger } from '../ledger';
import { PaypalApiError, paypalRequest } from './client';
import { minorToPaypalValue } from './amount';

// The PayPal rail: after a session completes, the core queues the payout job (JOB_PAYPAL_PAYOUT) for a PayPal-rail
// expert. The expert's share still owed for the payment (what expert_payable holds for it) goes out as one Payouts
// API batch of one item. A payout is a row per attempt (paypal_payouts.attempt); sender_batch_id is derived from
// the payment and the attempt and doubles as the PayPal-Request-Id header, so however often one attempt is sent (a
// job retry after a 5xx or a network error, a crash between the call and the commit) PayPal makes one payout.
// Only an attempt PayPal accepted and then failed gets a successor with a new sender_batch_id (retry.ts).

/** sender_item_id: the payment for the first attempt (as before retries existed), `<payment>-r<n>` after. */
export const senderItemId = (paymentId: string, attempt = 1) => (attempt === 1 ? paymentId : `${paymentId}-r${attempt}`);
export const senderBatchId = (paymentId: string, attempt = 1) => `pathwise-${senderItemId(paymentId, attempt)}`;

type TBatchResponse = { batch_header?: { payout_batch_id?: string; batch_status?: string } };

/** What is still owed to the expert for this payment, in its currency (expert_payable's credit balance). */
async function owedFor(tx: TPrivilegedTx, paymentId: string): Promise<number> {
  const { rows } = await tx.query<{ owed: string | null }>(
    `select -coalesce(sum(amount_minor), 0) as owed from public.ledger_entries where payment_id = $1 and account = 'expert_payable'`,
    [paymentId],
  );
  return Number(rows[0]?.owed ?? 0);
}

type TPrepared = {
  id: string;
  attempt: number;
  senderBatchId: string;
  receiver: string;
  amountMinor: number;
  currency: string;
  expertId: string;
};

async function prepare(db: TDb, paymentId: string, onlyAttempt?: number): Promise<TPrepared | null> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{
      expert_id: string;
      currency: string;
      booking_id: string | null;
      rail: string | null;
      paypal_email: string | null;
    }>(
      `select p.expert_id, p.currency, p.booking_id, a.rail, a.paypal_email
         from public.payments p left join public.payout_accounts a on a.expert_id = p.expert_id
        where p.id = $1 for update of p`,
      [paymentId],
    );
    const p = rows[0];
    if (!p) throw new Error(`payment ${paymentId} not found`);
    const { rows: existing } = await tx.query<{
      id: string;
      attempt: number;
      sender_batch_id: string;
      status: string;
      receiver: string;
      amount_minor: string;
      currency: string;
    }>(
      `select id, attempt, sender_batch_id, status, receiver, amount_minor, currency from public.paypal_payouts
        where payment_id = $1 order by attempt desc limit 1`,
      [paymentId],
    );
    if (existing[0]) {
      // The latest attempt: accepted by PayPal already, or failed for good (an admin retries it): nothing to send.
      // Still pending: send again with the same ids (idempotent).
      if (existing[0].status !== 'pending') return null;
      // A job queued for an earlier attempt (superseded by an admin's retry) leaves the newer one to its own job.
      if (onlyAttempt !== undefined && existing[0].attempt !== onlyAttempt) return null;
      const e = existing[0];
      return {
        id: e.id,
        attempt: e.attempt,
        senderBatchId: e.sender_batch_id,
        receiver: e.receiver,
        amountMinor: Number(e.amount_minor),
        currency: e.currency,
        expertId: p.expert_id,
      };
    }
    if (onlyAttempt !== undefined && onlyAttempt !== 1) return null;
    if (p.rail !== 'paypal' || !p.paypal_email) throw new Error(`payment ${paymentId}: the expert is not on the PayPal rail`);
    const owed = await owedFor(tx, paymentId);
    if (owed <= 0) return null; // refunded in full, or paid out already
    const { rows: created } = await tx.query<{ id: string }>(
      `insert into public.paypal_payouts (payment_id, expert_id, sender_batch_id, receiver, amount_minor, currency)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [paymentId, p.expert_id, senderBatchId(paymentId), p.paypal_email, owed, p.currency],
    );
    return {
      id: created[0].id,
      attempt: 1,
      senderBatchId: senderBatchId(paymentId),
      receiver: p.paypal_email,
      amountMinor: owed,
      currency: p.currency,
      expertId: p.expert_id,
    };
  });
}

/** PayPal refuses a sender_batch_id it has seen (within 30 days): the first request went through. */
function isDuplicateBatch(e: unknown): boolean {
  if (!(e instanceof PaypalApiError) || (e.status !== 400 && e.status !== 422)) return false;
  const text = JSON.stringify(e.body ?? {}).toUpperCase();
  return text.includes('SENDER_BATCH_ID') || text.includes('DUPLICATE_REQUEST_ID');
}

/**
 * Sends the payment's pending payout attempt (`attempt`: only that one), if any. Throws on a PayPal error or a
 * network error (the job retries).
 */
export async function sendPaypalPayout(db: TDb, paymentId: string, attempt?: number): Promise<void> {
  const job = await prepare(db, paymentId, attempt);
  if (!job) return;
  let batchId: string | null = null;
  let batchStatus = 'PENDING';
  try {
    const { json } = await paypalRequest<TBatchResponse>(
      'POST',
      '/v1/payments/payouts',
      {
        sender_batch_header: {
          sender_batch_id: job.senderBatchId,
          email_subject: 'You have a payout from Pathwise',
          email_message: 'Your earnings for a completed Pathwise session.',
        },
        items: [
          {
            recipient_type: 'EMAIL',
            amount: { value: minorToPaypalValue(job.amountMinor, job.currency), currency: job.currency },
            receiver: job.receiver,
            sender_item_id: senderItemId(paymentId, job.attempt),
            note: 'Pathwise session earnings',
          },
        ],
      },
      { 'PayPal-Request-Id': job.senderBatchId },
    );
    batchId = json.batch_header?.payout_batch_id ?? null;
    batchStatus = json.batch_header?.batch_status ?? batchStatus;
  } catch (e) {
    if (!isDuplicateBatch(e)) throw e;
    logger().info({ paymentId }, 'PayPal payout batch existed already; its webhook will name it');
  }
  await db.transaction(async (tx) => {
    await tx.query(
      `update public.paypal_payouts set status = case when status = 'pending' then $2 else status end,
              payout_batch_id = coalesce(payout_batch_id, $3), error = null, accepted_at = coalesce(accepted_at, now()), updated_at = now()
        where id = $1`,
      [job.id, batchStatus === 'DENIED' ? 'denied' : 'sent', batchId],
    );
    if (batchStatus === 'DENIED') return;
    const { rows } = await tx.query<{ booking_id: string | null }>('select booking_id from public.payments where id = $1', [paymentId]);
    await postLedger(tx, {
      kind: 'transfer',
      currency: job.currency,
      bookingId: rows[0]?.booking_id ?? null,
      paymentId,
      expertId: job.expertId,
      sourceRef: `paypal:${job.senderBatchId}`,
      memo: 'PayPal payout sent',
      lines: [
        // As the core posts a Stripe transfer: the money leaves the platform's cash and is no longer owed.
        { account: 'expert_payable', amountMinor: job.amountMinor },
        { account: 'platform_cash', amountMinor: -job.amountMinor },
      ],
    });
    await tx.query(
      `update public.payments set transfer_status = 'transferred', transfer_id = coalesce($2, transfer_id), updated_at = now() where id = $1`,
      [paymentId, batchId ? `paypal:${batchId}` : `paypal:${job.senderBatchId}`],
    );
  });
}
