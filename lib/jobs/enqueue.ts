import 'server-only';
import PgBoss from 'pg-boss';
import type { TQueryable } from '@/lib/db';
import { assertJobName } from './registry';

export type TEnqueueOptions = {
  /** Run no earlier than this instant. */
  startAfter?: Date;
  /** At most one queued job per key and name (a second enqueue with the same key is ignored). */
  singletonKey?: string;
  /** Attempts before the job is given up (default 5, exponential backoff). */
  retryLimit?: number;
};

export const PGBOSS_SCHEMA = 'pgboss';
export const DEFAULT_ATTEMPTS = 5;
/** pg-boss's retry delay (whole seconds, doubled each retry); the table queue's base is a runner option. */
const PGBOSS_RETRY_DELAY_SECONDS = 1;

// pg-boss is only asked to build its insert; every call passes the caller's transaction as `db`, so this
// instance never connects anywhere.
let sender: PgBoss | undefined;
function pgBossSender(): PgBoss {
  sender ??= new PgBoss({
    schema: PGBOSS_SCHEMA,
    db: { executeSql: () => Promise.reject(new Error('the jobs sender has no connection of its own')) },
    supervise: false,
    schedule: false,
    migrate: false,
  });
  return sender;
}

/**
 * Queues a job inside `tx`. With pg-boss installed and a queue for `name` (Postgres, once a runner has
 * started) it goes to pg-boss; otherwise into public.jobs, which every runner also takes from.
 * Runs as the connection's own role for the insert, so a user-scoped transaction (withUser) may enqueue.
 */
export async function enqueueInTransaction(
  tx: TQueryable,
  name: string,
  data: Record<string, unknown>,
  options: TEnqueueOptions,
): Promise<void> {
  assertJobName(name);
  const attempts = Math.max(1, Math.floor(options.retryLimit ?? DEFAULT_ATTEMPTS));
  const { rows } = await tx.query<{ role: string }>(`select current_setting('role') as role`);
  const role = rows[0].role;
  if (role !== 'none') await tx.query(`select set_config('role', 'none', true)`);

  const boss = await tx.query<{ ready: boolean }>(`select to_regclass('${PGBOSS_SCHEMA}.queue') is not null as ready`);
  let queued = false;
  if (boss.rows[0].ready) {
    const q = await tx.query(`select 1 from ${PGBOSS_SCHEMA}.queue where name = $1`, [name]);
    if (q.rows.length) queued = await sendToPgBoss(tx, name, data, attempts, options);
  }
  if (!queued) await insertIntoTable(tx, name, data, attempts, options);

  if (role !== 'none') await tx.query(`select set_config('role', $1, true)`, [role]);
}

async function sendToPgBoss(
  tx: TQueryable,
  name: string,
  data: Record<string, unknown>,
  attempts: number,
  o: TEnqueueOptions,
): Promise<boolean> {
  if (o.singletonKey !== undefined) {
    // pg-boss's own singleton indexes cover one state each; "one unfinished job per key" is enforced here:
    // concurrent enqueues of one key take turns, and the second sees the first once it has committed.
    await tx.query(`select pg_advisory_xact_lock(hashtextextended('jobs:' || $1 || ':' || $2, 0))`, [name, o.singletonKey]);
    const dup = await tx.query(
      `select 1 from ${PGBOSS_SCHEMA}.job where name = $1 and singleton_key = $2 and state < 'completed'
       union all select 1 from public.jobs where name = $1 and singleton_key = $2 and done_at is null limit 1`,
      [name, o.singletonKey],
    );
    if (dup.rows.length) return true;
  }
  const id = await pgBossSender().send(name, data, {
    startAfter: o.startAfter,
    singletonKey: o.singletonKey,
    retryLimit: attempts - 1,
    retryDelay: PGBOSS_RETRY_DELAY_SECONDS,
    retryBackoff: true,
    db: { executeSql: (text, values) => tx.query(text, values) },
  });
  // null: pg-boss inserted nothing (its queue vanished); fall back to the table rather than lose the job.
  return id !== null;
}

async function insertIntoTable(
  tx: TQueryable,
  name: string,
  data: Record<string, unknown>,
  attempts: number,
  o: TEnqueueOptions,
): Promise<void> {
  await tx.query(
    `insert into public.jobs (name, data, run_at, max_attempts, singleton_key)
     values ($1, $2::jsonb, coalesce($3::timestamptz, now()), $4, $5)
     on conflict (name, singleton_key) where done_at is null and singleton_key is not null do nothing`,
    [name, JSON.stringify(data), o.startAfter?.toISOString() ?? null, attempts, o.singletonKey ?? null],
  );
}
