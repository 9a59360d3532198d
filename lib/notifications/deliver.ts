import 'server-only';
import { randomUUID } from 'node:crypto';
import { env } from '@/lib/config';
import type { TDb, TQueryable } from '@/lib/db';
import { defineJob, defineRecurringJob, enqueueJob } from '@/lib/jobs';
import { logger } from '@/lib/log/logger';
import { DeliveryError, sendersFromEnv, type TAttachment, type TSenders, type TSendResult } from './senders';

// Delivery of the outbox (public.outbox_messages) by the job queue. Rules (docs/notifications.md):
// - one job `notifications.deliver` per message, queued in the transaction that wrote the row;
// - a send happens only under a claim: the row moves pending → sending (lease `locked_until`, `claim_token`)
//   in its own committed statement, taken with `for update skip locked`, so two workers never send one row;
// - a provider error the same request could survive (5xx, 408, 429, a refused connection) puts the row back to pending
//   and the job queue retries it with its backoff; a permanent one (other 4xx) marks it failed at once;
//   after NOTIFICATION_ATTEMPTS it is failed, with the error;
// - a row found `sending` after its lease lapsed (the worker died between send and mark-sent, or froze)
//   may or may not have reached the provider (neither SendGrid's mail send nor Twilio's Messages API takes
//   an idempotency key), so it becomes `unknown`: shown to admins, resent only by an admin's retry. So does a send
//   that got no answer once the request may have left (timeout, connection reset).

export const DELIVER_JOB = 'notifications.deliver';
export const SWEEP_JOB = 'notifications.sweep-lapsed';

type TDeliveryConfig = { senders: () => TSenders; leaseMs: number; attempts: () => number; afterSend?: (id: string) => void };

const holder = globalThis as unknown as { __pathwiseDelivery?: TDeliveryConfig };
let envSenders: TSenders | undefined;
const defaults = (): TDeliveryConfig => ({
  senders: () => (envSenders ??= sendersFromEnv(env())),
  leaseMs: 60_000,
  attempts: () => env().NOTIFICATION_ATTEMPTS,
});
function config(): TDeliveryConfig {
  return holder.__pathwiseDelivery ?? defaults();
}

/** Test hook: other senders (fake servers), a short lease, a fault injected between send and mark-sent. */
export function configureDeliveryForTests(o: Partial<TDeliveryConfig> | null): void {
  holder.__pathwiseDelivery = o ? { ...defaults(), ...o } : undefined;
}

/** Queues the delivery of a message row, in the transaction that wrote it. */
export async function enqueueDelivery(tx: TQueryable, id: string, o: { retry?: boolean } = {}): Promise<void> {
  // One job per message — except an admin's retry: the message's earlier job may still be unfinished (running its
  // last attempt, or waiting out a backoff) and would swallow a second job with the same key, leaving the message
  // pending for good. Two jobs cannot both send: each must first claim the row while it is pending.
  const singletonKey = o.retry ? `${id}:retry:${randomUUID()}` : id;
  await enqueueJob(tx, DELIVER_JOB, { id }, { singletonKey, retryLimit: config().attempts() });
}

type TClaimed = {
  id: string;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string | null;
  text: string;
  html_body: string | null;
  attachments: TAttachment[] | null;
  attempts: number;
  claim_token: string;
};

export type TDeliveryOutcome = 'sent' | 'retry' | 'failed' | 'unknown' | 'skipped';

/** Marks `sending` rows whose lease lapsed as `unknown` (one id, or all). Returns how many. */
export async function markLapsedUnknown(db: TQueryable, id?: string): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `update public.outbox_messages
        set status = 'unknown', locked_until = null,
            last_error = 'lease lapsed during a send: the provider may or may not have it; not resent automatically'
      where status = 'sending' and locked_until < now() and ($1::uuid is null or id = $1::uuid)
      returning id`,
    [id ?? null],
  );
  if (rows.length) logger().warn({ component: 'notifications', ids: rows.map((r) => r.id) }, 'outbox: sends of unknown outcome');
  return rows.length;
}

/**
 * One delivery attempt of message `id`. `attempt` is the job's attempt (from 1): at the last one a
 * retryable error marks the row failed instead of retrying. Throws only to ask the job queue to retry.
 */
export async function deliverMessage(db: TDb, id: string, attempt = 1): Promise<TDeliveryOutcome> {
  const c = config();
  const token = randomUUID();
  // The claim commits on its own (a plain statement), before the provider is called.
  const { rows } = await db.query<TClaimed>(
    `update public.outbox_messages o
        set status = 'sending', attempts = o.attempts + 1, claim_token = $2,
            locked_until = now() + make_interval(secs => $3::double precision / 1000)
      where o.id = (select id from public.outbox_messages where id = $1 and status = 'pending' for update skip locked)
      returning o.id, o.channel, o.recipient, o.subject, coalesce(o.secret_body, o.body) as text, o.html_body,
                o.attachments, o.attempts, o.claim_token`,
    [id, token, c.leaseMs],
  );
  const m = rows[0];
  if (!m) {
    // Sent, failed, unknown or in flight under another claim: nothing to send. A lapsed claim is settled here.
    return (await markLapsedUnknown(db, id)) ? 'unknown' : 'skipped';
  }

  const senders = c.senders();
  let result: TSendResult;
  try {
    if (m.channel === 'email') {
      if (!senders.email) throw new DeliveryError('email provider not configured', null, true);
      result = await senders.email.send({
        to: m.recipient,
        from: senders.email.from,
        subject: m.subject ?? '',
        text: m.text,
        html: m.html_body,
        attachments: m.attachments,
      });
    } else {
      if (!senders.sms) throw new DeliveryError('SMS provider not configured', null, true);
      result = await senders.sms.send({ to: m.recipient, body: m.text });
    }
  } catch (err) {
    const e = err instanceof DeliveryError ? err : new DeliveryError(err instanceof Error ? err.message : String(err), null, false);
    if (e.ambiguous) {
      // The request may have reached the provider: never resent blindly (see the header).
      await db.query(
        `update public.outbox_messages set status = 'unknown', last_error = $3, locked_until = null
          where id = $1 and claim_token = $2 and status = 'sending'`,
        [id, token, `no answer after sending, the provider may have it; not resent automatically: ${e.message}`],
      );
      logger().warn({ component: 'notifications', id, err: e.message }, 'outbox: send of unknown outcome');
      return 'unknown';
    }
    const last = e.permanent || attempt >= c.attempts();
    await db.query(
      `update public.outbox_messages
          set status = $3, last_error = $4, locked_until = null, failed_at = case when $3 = 'failed' then now() end
        where id = $1 and claim_token = $2 and status = 'sending'`,
      [id, token, last ? 'failed' : 'pending', e.message],
    );
    if (last) {
      logger().warn({ component: 'notifications', id, attempt, err: e.message }, 'outbox: message failed');
      return 'failed';
    }
    throw e; // the job queue retries with backoff
  }

  c.afterSend?.(id); // tests: a crash between send and mark-sent
  // A slow sender whose row the sweep already called `unknown` still records the truth: it was sent.
  await db.query(
    `update public.outbox_messages
        set status = 'sent', sent_at = now(), provider_message_id = $3, locked_until = null, last_error = null
      where id = $1 and claim_token = $2 and status in ('sending', 'unknown')`,
    [id, token, result.providerMessageId],
  );
  return 'sent';
}

/** Puts failed/unknown messages back to pending and queues their delivery (an admin's retry). */
export async function retryMessages(db: TQueryable, ids: string[]): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `update public.outbox_messages set status = 'pending', last_error = null, failed_at = null, claim_token = null
      where id = any($1::uuid[]) and status in ('failed', 'unknown') and provider <> 'outbox' returning id`,
    [ids],
  );
  for (const r of rows) await enqueueDelivery(db, r.id, { retry: true });
  return rows.map((r) => r.id);
}

export function registerNotificationJobs(): void {
  defineJob<{ id: string }>(DELIVER_JOB, async ({ id }, ctx) => {
    await deliverMessage(ctx.db, id, ctx.attempt);
  });
  // A message whose job ran out while it was in flight elsewhere is settled here within a minute.
  defineRecurringJob(SWEEP_JOB, 60, async ({ db }) => {
    await markLapsedUnknown(db);
  });
}
