import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withUser } from '@/lib/db/with-user';
import { defineJob, defineRecurringJob, enqueueJob, startJobRunner, stopJobRunner } from '@/lib/jobs';
import { createJobRunner, type TJobRunner, type TJobRunnerOptions } from '@/lib/jobs/runner';
import { createUser } from '../support/factories';
import { expectLoggedError } from '../support/logged-errors';
import { createTestDb, type TTestDb } from '../support/test-db';

// Runs on in-memory PGlite (the table queue) and, with TEST_DATABASE_URL, on Postgres (pg-boss).
let t: TTestDb;
const fast: TJobRunnerOptions = { pollMs: 50, retryBaseMs: 100, leaseMs: 1000 };
const runners: TJobRunner[] = [];
const runs = new Map<string, unknown[]>();
const record = (name: string, value: unknown = true): void => {
  runs.set(name, [...(runs.get(name) ?? []), value]);
};
const count = (name: string) => runs.get(name)?.length ?? 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await sleep(25);
  }
}

async function runner(options: TJobRunnerOptions = {}) {
  const r = await createJobRunner(t.db, { ...fast, ...options });
  runners.push(r);
  return r;
}

/** Where a job waits: pg-boss on Postgres once its queue exists, public.jobs otherwise. */
async function unfinishedInTable(name: string) {
  const { rows } = await t.db.query<{ n: number }>('select count(*)::int as n from public.jobs where name = $1 and done_at is null', [
    name,
  ]);
  return rows[0].n;
}

defineJob('t.rollback', async () => record('t.rollback'));
defineJob('t.later', async () => record('t.later', Date.now()));
defineJob<{ fails: number }>('t.flaky', async (data, ctx) => {
  record('t.flaky', ctx.attempt);
  if (ctx.attempt <= data.fails) throw new Error(`planned failure ${ctx.attempt}`);
});
defineJob('t.restart', async () => record('t.restart'));
defineJob<{ n: number }>('t.single', async (data) => record('t.single', data.n));
defineJob('t.as-user', async () => record('t.as-user'));

defineJob('t.long', async () => {
  record('t.long:started');
  await sleep(2500); // 2.5 leases
  record('t.long:done');
});

const hangs: (() => void)[] = [];
defineJob('t.interrupted', async () => {
  record('t.interrupted:started');
  if (count('t.interrupted:started') === 1) await new Promise<void>((r) => hangs.push(r));
  record('t.interrupted:done');
});

let release: () => void = () => {};
defineJob('t.killed', async () => {
  record('t.killed:started');
  // The first attempt hangs as if its process froze, until the test releases it (after "killing" it).
  if (count('t.killed:started') === 1) await new Promise<void>((r) => (release = r));
  record('t.killed:done');
});

beforeAll(async () => {
  t = await createTestDb();
  // The first runner installs pg-boss (Postgres) and creates a queue per job name defined so far.
  const r = await createJobRunner(t.db, fast);
  await r.stop();
});
afterEach(async () => {
  for (const r of runners.splice(0)) await r.stop(1000);
  await stopJobRunner(1000);
});
afterAll(async () => {
  release();
  for (const h of hangs) h();
  await t.drop();
});

describe('enqueueJob', () => {
  it('a job enqueued in a rolled-back transaction never runs; a committed one does', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await enqueueJob(tx, 't.rollback', { which: 'rolled back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await runner();
    await sleep(400);
    expect(count('t.rollback')).toBe(0);

    await t.db.transaction((tx) => enqueueJob(tx, 't.rollback', { which: 'committed' }));
    await waitFor(() => count('t.rollback') === 1);
  });

  it('goes to pg-boss on Postgres once its queue exists, to public.jobs on PGlite', async () => {
    await enqueueJob(t.db, 't.later', {}, { startAfter: new Date(Date.now() + 60_000) });
    expect(await unfinishedInTable('t.later')).toBe(t.db.kind === 'postgres' ? 0 : 1);
  });

  it('a job enqueued before any runner knew its name waits in public.jobs and runs once a runner is up', async () => {
    defineJob('t.new-name', async () => record('t.new-name'));
    await enqueueJob(t.db, 't.new-name', {});
    expect(await unfinishedInTable('t.new-name')).toBe(1);
    await runner();
    await waitFor(() => count('t.new-name') === 1);
    // That runner created pg-boss's queue for the name (Postgres): the next job goes there.
    await enqueueJob(t.db, 't.new-name', {}, { startAfter: new Date(Date.now() + 60_000) });
    expect(await unfinishedInTable('t.new-name')).toBe(t.db.kind === 'postgres' ? 0 : 1);
  });

  it('a job with startAfter runs after that instant, not before', async () => {
    const startAfter = new Date(Date.now() + 1500);
    runs.delete('t.later');
    await enqueueJob(t.db, 't.later', {}, { startAfter });
    await runner();
    await sleep(1000);
    expect(count('t.later')).toBe(0);
    await waitFor(() => count('t.later') === 1);
    expect(runs.get('t.later')![0]).toBeGreaterThanOrEqual(startAfter.getTime());
  });

  it('a failing job is retried with its attempt number, then succeeds', async () => {
    expectLoggedError(/^job failed; will retry: Error: planned failure 1$/);
    await enqueueJob(t.db, 't.flaky', { fails: 1 });
    await runner();
    await waitFor(() => count('t.flaky') === 2);
    expect(runs.get('t.flaky')).toEqual([1, 2]);
  });

  it('a job that keeps failing is given up after retryLimit attempts', async () => {
    expectLoggedError(/^job failed; will retry: Error: planned failure 1$/);
    expectLoggedError(/^job failed for good: Error: planned failure 2$/);
    runs.delete('t.flaky');
    await enqueueJob(t.db, 't.flaky', { fails: 99 }, { retryLimit: 2 });
    await runner();
    await waitFor(() => count('t.flaky') === 2);
    await sleep(t.db.kind === 'postgres' ? 4000 : 1000);
    expect(runs.get('t.flaky')).toEqual([1, 2]);
  });

  it('singletonKey: a second job with the same name and key is ignored while the first is unfinished', async () => {
    await t.db.transaction((tx) => enqueueJob(tx, 't.single', { n: 1 }, { singletonKey: 'booking-1' }));
    await t.db.transaction((tx) => enqueueJob(tx, 't.single', { n: 2 }, { singletonKey: 'booking-1' }));
    await t.db.transaction((tx) => enqueueJob(tx, 't.single', { n: 3 }, { singletonKey: 'booking-2' }));
    await runner();
    await waitFor(() => count('t.single') === 2);
    await sleep(300);
    expect(runs.get('t.single')!.sort()).toEqual([1, 3]);
    // Once that job is done, the key is free again.
    await enqueueJob(t.db, 't.single', { n: 4 }, { singletonKey: 'booking-1' });
    await waitFor(() => count('t.single') === 3);
  });

  it('can be called inside a user-scoped transaction (role authenticated), which keeps its role', async () => {
    const user = await createUser(t.db);
    const role = await withUser(t.db, { id: user.id, role: 'learner' }, async (tx) => {
      await enqueueJob(tx, 't.as-user', {});
      const { rows } = await tx.query<{ role: string }>('select current_user as role');
      return rows[0].role;
    });
    expect(role).toBe('authenticated');
    await runner();
    await waitFor(() => count('t.as-user') === 1);
  });
});

describe('restarts', () => {
  it('a job whose runner stopped before running it runs once in a new runner', async () => {
    await enqueueJob(t.db, 't.restart', {}, { startAfter: new Date(Date.now() + 300) });
    await startJobRunner(t.db, fast);
    await startJobRunner(t.db, fast); // idempotent
    await stopJobRunner();
    await stopJobRunner(); // idempotent
    await sleep(700);
    expect(count('t.restart')).toBe(0);
    await startJobRunner(t.db, fast);
    await waitFor(() => count('t.restart') === 1);
    await sleep(500);
    expect(count('t.restart')).toBe(1);
  });

  it('a job whose runner died mid-run is taken again once the lease lapses, and completes once', async () => {
    await enqueueJob(t.db, 't.killed', {});
    const first = await runner();
    await waitFor(() => count('t.killed:started') === 1);
    await runner(); // a second live runner leaves the leased job alone
    await sleep(300);
    expect(count('t.killed:started')).toBe(1);
    await first.abandon(); // the process "dies": nothing is released, its lease stays
    await waitFor(() => count('t.killed:done') === 1, 15_000);
    expect(count('t.killed:started')).toBe(2);
    await sleep(500);
    expect(count('t.killed:done')).toBe(1);
    expect(await unfinishedInTable('t.killed')).toBe(0);
  });

  it.skipIf(!!process.env.TEST_DATABASE_URL)(
    'PGlite: the app process restarted after a crash takes an interrupted job at once',
    async () => {
      await enqueueJob(t.db, 't.interrupted', {});
      const first = await runner({ leaseMs: 60_000 });
      await waitFor(() => count('t.interrupted:started') === 1);
      await first.abandon();
      // One process owns a PGlite database, so startJobRunner releases the dead process's lease at start.
      await startJobRunner(t.db, { ...fast, leaseMs: 60_000 });
      await waitFor(() => count('t.interrupted:done') === 1, 3000);
    },
  );

  it('a job running longer than its lease keeps it while its runner is alive (heartbeat)', async () => {
    await enqueueJob(t.db, 't.long', {});
    await runner();
    await runner();
    await waitFor(() => count('t.long:done') === 1, 15_000);
    await sleep(t.db.kind === 'postgres' ? 2500 : 300); // pg-boss would retry an expired job after a 1–2 s backoff
    expect(count('t.long:started')).toBe(1);
  });

  it('handlers defined after the runner started are picked up', async () => {
    await startJobRunner(t.db, fast);
    defineJob('t.late-definition', async () => record('t.late-definition'));
    await enqueueJob(t.db, 't.late-definition', {});
    await waitFor(() => count('t.late-definition') === 1);
  });
});

describe('recurring jobs', () => {
  it('run every period, once across runners', async () => {
    defineRecurringJob('t.tick', 1, async () => record('t.tick'));
    await runner();
    await runner();
    await sleep(2600);
    // Due at 0 s, 1 s and 2 s: two runners must not double that.
    expect(count('t.tick')).toBeGreaterThanOrEqual(2);
    expect(count('t.tick')).toBeLessThanOrEqual(3);
  });
});
