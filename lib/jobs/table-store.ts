import 'server-only';
import { randomUUID } from 'node:crypto';
import type { TDb } from '@/lib/db';
import type { TJobStore, TTakenJob } from './store';

type TRow = { id: string; name: string; data: Record<string, unknown>; attempts: number; max_attempts: number };

/**
 * The queue in public.jobs: a due job is taken by setting a lease (locked_until) under
 * `for update skip locked`; a lapsed lease means the runner died and the job is taken again.
 */
export function createTableStore(db: TDb, o: { leaseMs: number; retryBaseMs: number }): TJobStore {
  const runnerId = randomUUID();
  const leaseSeconds = o.leaseMs / 1000;
  return {
    label: 'table',
    async start() {},
    async take(names, limit) {
      if (!names.length || limit < 1) return [];
      // The last attempt's runner died (its lease lapsed with no attempts left): give the job up.
      await db.query(
        `update public.jobs set done_at = now(), failed_at = now(), locked_by = null,
           last_error = coalesce(last_error || ' / ', '') || 'the runner stopped during the last attempt'
         where done_at is null and attempts >= max_attempts and locked_until <= now()`,
      );
      const { rows } = await db.query<TRow>(
        `update public.jobs set locked_until = now() + make_interval(secs => $3), locked_by = $4, attempts = attempts + 1
         where id in (
           select id from public.jobs
           where done_at is null and name = any($1::text[]) and run_at <= now()
             and (locked_until is null or locked_until <= now()) and attempts < max_attempts
           order by run_at, created_at limit $2 for update skip locked)
         returning id, name, data, attempts, max_attempts`,
        [names, limit, leaseSeconds, runnerId],
      );
      return rows.map((r) => ({ id: r.id, name: r.name, data: r.data, attempt: r.attempts, maxAttempts: r.max_attempts }));
    },
    async complete(job) {
      const r = await db.query(
        `update public.jobs set done_at = now(), locked_until = null, locked_by = null where id = $1 and locked_by = $2 and done_at is null`,
        [job.id, runnerId],
      );
      return (r.affectedRows ?? 0) > 0;
    },
    async fail(job: TTakenJob, error: string) {
      const backoffSeconds = (Math.min(3_600_000, o.retryBaseMs * 2 ** (job.attempt - 1)) * (1 + Math.random() / 4)) / 1000;
      const { rows } = await db.query<{ gave_up: boolean }>(
        `update public.jobs set last_error = $3, locked_until = null, locked_by = null,
           run_at = case when attempts < max_attempts then now() + make_interval(secs => $4) else run_at end,
           done_at = case when attempts >= max_attempts then now() end,
           failed_at = case when attempts >= max_attempts then now() end
         where id = $1 and locked_by = $2 returning done_at is not null as gave_up`,
        [job.id, runnerId, error.slice(0, 2000), backoffSeconds],
      );
      return rows[0]?.gave_up ?? false;
    },
    async extend(job) {
      await db.query(`update public.jobs set locked_until = now() + make_interval(secs => $3) where id = $1 and locked_by = $2`, [
        job.id,
        runnerId,
        leaseSeconds,
      ]);
    },
    async stop() {},
  };
}

/** Finished jobs are kept a week for inspection, then deleted. */
export async function purgeFinishedJobs(db: TDb): Promise<void> {
  await db.query(`delete from public.jobs where done_at < now() - interval '7 days'`);
}

/** Frees every leased job at once (only when no other process can hold a lease: PGlite at start-up). */
export async function releaseLeases(db: TDb): Promise<number> {
  const r = await db.query(
    `update public.jobs set locked_until = null, locked_by = null where done_at is null and locked_until is not null`,
  );
  return r.affectedRows ?? 0;
}
