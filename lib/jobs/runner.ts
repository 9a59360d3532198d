import 'server-only';
import type { TDb } from '@/lib/db';
import { logger } from '@/lib/log/logger';
import { enqueueInTransaction } from './enqueue';
import { createPgBossStore } from './pgboss-store';
import { registry } from './registry';
import type { TJobStore, TTakenJob } from './store';
import { createTableStore, purgeFinishedJobs, releaseLeases } from './table-store';

export type TJobRunnerOptions = {
  /** How often the queue is polled (default 1000 ms). */
  pollMs?: number;
  /** How long a taken job stays reserved for this runner without a heartbeat (default 60 s). */
  leaseMs?: number;
  /**
   * No other process can be taking jobs (PGlite: one process owns the database), so leases found at
   * start were left by a process that died and are released at once instead of lapsing.
   */
  ownsDatabase?: boolean;
  /** Jobs run at once by this runner (default 4). */
  concurrency?: number;
  /** First retry delay of the table queue, doubled each attempt (default 1000 ms; pg-boss uses 1 s). */
  retryBaseMs?: number;
};

export type TJobRunner = {
  stop(timeoutMs?: number): Promise<void>;
  /** Polls now instead of at the next interval (a job was just queued for this process to take). */
  wake(): void;
  /** Test hook: forget everything as a killed process would, leaving taken jobs leased. */
  abandon(): Promise<void>;
};

const PURGE_EVERY_MS = 60 * 60_000;

/** Starts polling: the table queue always, pg-boss too on Postgres. */
export async function createJobRunner(db: TDb, options: TJobRunnerOptions = {}): Promise<TJobRunner> {
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 60_000;
  const concurrency = options.concurrency ?? 4;
  const stores: TJobStore[] = [createTableStore(db, { leaseMs, retryBaseMs: options.retryBaseMs ?? 1000 })];
  if (db.kind === 'postgres') stores.unshift(createPgBossStore(db, { leaseMs }));
  const log = logger().child({ component: 'jobs' });

  const running = new Set<Promise<void>>();
  const heartbeats = new Set<NodeJS.Timeout>();
  let stopped = false;
  let dead = false;
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> = Promise.resolve();
  let lastPurge = 0;
  let failures = 0;
  let waiting = false; // a poll is scheduled (not running)
  let woken = false; // poll again at once after the running poll

  const names = () => [...registry().handlers.keys()];
  if (options.ownsDatabase) await releaseLeases(db);
  for (const store of stores) await store.start(names());

  const scheduled = new Set<string>();
  async function tickSchedules() {
    const recurring = registry().recurring;
    if (!recurring.size) return;
    // Once per name and period in this runner, so recurring jobs defined after start (or given a new
    // period) are picked up; a shorter period takes effect at once.
    for (const [name, { everySeconds }] of recurring) {
      if (scheduled.has(`${name}/${everySeconds}`)) continue;
      await db.query(
        `insert into public.job_schedules (name, every_seconds) values ($1, $2)
         on conflict (name) do update set every_seconds = excluded.every_seconds,
           next_run_at = least(public.job_schedules.next_run_at, now() + make_interval(secs => excluded.every_seconds))
         where public.job_schedules.every_seconds <> excluded.every_seconds`,
        [name, everySeconds],
      );
      scheduled.add(`${name}/${everySeconds}`);
    }
    const due = await db.query(`select 1 from public.job_schedules where name = any($1::text[]) and next_run_at <= now() limit 1`, [
      [...recurring.keys()],
    ]);
    if (!due.rows.length) return;
    // Moving next_run_at and enqueueing the run commit together: each period is enqueued once, by one runner.
    await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ name: string }>(
        `update public.job_schedules set next_run_at = now() + make_interval(secs => every_seconds)
         where name = any($1::text[]) and next_run_at <= now() returning name`,
        [[...recurring.keys()]],
      );
      for (const { name } of rows) await enqueueInTransaction(tx, name, {}, { singletonKey: 'recurring', retryLimit: 1 });
    });
  }

  function run(store: TJobStore, job: TTakenJob) {
    const heartbeat = setInterval(
      () => void store.extend(job).catch((err: unknown) => log.warn({ err, job: job.id }, 'lease renewal failed')),
      leaseMs / 3,
    );
    heartbeats.add(heartbeat);
    const p = (async () => {
      const handler = registry().handlers.get(job.name);
      try {
        if (!handler) throw new Error(`no handler for job "${job.name}"`);
        await handler(job.data, { db, jobId: job.id, attempt: job.attempt });
        if (dead) return;
        const kept = await store.complete(job);
        if (!kept) log.warn({ job: job.id, name: job.name }, 'job finished after its lease lapsed; another runner had taken it');
      } catch (err) {
        if (dead) return;
        const message = err instanceof Error ? err.message : String(err);
        const gaveUp = await store.fail(job, message).catch((e: unknown) => {
          log.error({ err: e, job: job.id }, 'could not record a job failure; the lease will lapse');
          return false;
        });
        log.error(
          { err, job: job.id, name: job.name, attempt: job.attempt, of: job.maxAttempts, gaveUp },
          gaveUp ? 'job failed for good' : 'job failed; will retry',
        );
      } finally {
        clearInterval(heartbeat);
        heartbeats.delete(heartbeat);
      }
    })();
    running.add(p);
    void p.finally(() => running.delete(p));
  }

  async function poll() {
    try {
      await tickSchedules();
      const wanted = names();
      for (const store of stores) {
        const free = concurrency - running.size;
        if (stopped || free < 1) break;
        for (const job of await store.take(wanted, free)) run(store, job);
      }
      if (Date.now() - lastPurge > PURGE_EVERY_MS) {
        lastPurge = Date.now();
        await purgeFinishedJobs(db);
      }
      failures = 0;
    } catch (err) {
      failures++;
      // A database that is down is retried with backoff (up to 30 s) and logged once per backoff step.
      if (!stopped) log.error({ err, failures }, 'job poll failed; retrying');
    }
  }

  function schedule() {
    if (stopped) return;
    const delay = woken && !failures ? 0 : failures ? Math.min(30_000, pollMs * 2 ** failures) : pollMs;
    woken = false;
    waiting = true;
    timer = setTimeout(() => {
      waiting = false;
      polling = poll().finally(schedule);
    }, delay);
  }
  polling = poll().finally(schedule);

  async function halt() {
    stopped = true;
    clearTimeout(timer);
    await polling.catch(() => undefined);
    clearTimeout(timer);
  }

  return {
    wake() {
      if (stopped) return;
      woken = true;
      if (waiting) {
        clearTimeout(timer);
        schedule();
      }
    },
    async stop(timeoutMs = 10_000) {
      if (stopped) return;
      await halt();
      let timeout: NodeJS.Timeout | undefined;
      const late = await Promise.race([
        // eslint-disable-next-line no-restricted-syntax -- waits for running jobs, each on its own connection
        Promise.allSettled([...running]).then(() => false),
        new Promise<boolean>((resolve) => (timeout = setTimeout(() => resolve(true), timeoutMs))),
      ]);
      clearTimeout(timeout);
      if (late) log.warn({ running: running.size }, 'jobs still running at stop; their leases will lapse and another runner retries them');
      for (const h of heartbeats) clearInterval(h);
      for (const store of stores) await store.stop();
    },
    async abandon() {
      dead = true;
      await halt();
      for (const h of heartbeats) clearInterval(h);
      for (const store of stores) await store.stop();
    },
  };
}
