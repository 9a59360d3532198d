import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineJob, enqueueJob, startJobRunner, stopJobRunner } from '@/lib/jobs';
import { createTestDb, type TTestDb } from '../support/test-db';

// A real crash: a worker process takes a job and is killed with SIGKILL mid-run; this process, a new
// runner with a fresh pg-boss instance, runs the job once the dead worker's lease has lapsed. Postgres
// only (TEST_DATABASE_URL): an in-memory PGlite cannot be shared with another process (jobs.test.ts
// covers PGlite by abandoning a runner's lease).
const CHILD = `
import { createPostgresDb } from '@/lib/db/postgres-client';
import { defineJob, startJobRunner } from '@/lib/jobs';
const db = createPostgresDb(process.env.CHILD_DB_URL!, 3);
defineJob('t.crash', async () => {
  await db.query("insert into public.jobs_crash_marks (pid, kind) values ($1, 'started')", [process.pid]);
  await new Promise(() => {}); // frozen until killed
});
await startJobRunner(db, { pollMs: 50, leaseMs: 1000 });
`;

let t: TTestDb;
let dir: string;
let child: ChildProcess | undefined;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const marks = async () =>
  (await t.db.query<{ pid: number; kind: string }>('select pid, kind from public.jobs_crash_marks order by at')).rows;

async function waitFor(check: () => Promise<boolean>, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await sleep(50);
  }
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('a worker killed mid-job (SIGKILL)', () => {
  beforeAll(async () => {
    t = await createTestDb();
    await t.db.exec(
      'create table public.jobs_crash_marks (pid int not null, kind text not null, at timestamptz not null default clock_timestamp())',
    );
    dir = mkdtempSync(path.join(tmpdir(), 'pw-jobs-crash-'));
    writeFileSync(path.join(dir, 'child.mts'), CHILD);
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await stopJobRunner(1000);
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no job: the next runner runs it once the lease lapses', async () => {
    // This process installs pg-boss and the queue first, so the job goes to pg-boss.
    defineJob('t.crash', async (_data, { db }) => {
      await db.query("insert into public.jobs_crash_marks (pid, kind) values ($1, 'done')", [process.pid]);
    });
    await startJobRunner(t.db, { pollMs: 50, leaseMs: 1000 });
    await stopJobRunner();
    await t.db.transaction((tx) => enqueueJob(tx, 't.crash', {}));

    // tsx as a loader inside this node process (its CLI would fork a grandchild that SIGKILL misses).
    child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(dir, 'child.mts')], {
      env: { ...process.env, CHILD_DB_URL: t.url!, NODE_ENV: 'test', TSX_TSCONFIG_PATH: path.resolve('tsconfig.json') },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitFor(async () => (await marks()).length === 1, 20_000);
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGKILL');
    await exited;

    await startJobRunner(t.db, { pollMs: 50, leaseMs: 1000 });
    await waitFor(async () => (await marks()).some((m) => m.kind === 'done'), 15_000);
    await sleep(500);
    const all = await marks();
    expect(all.map((m) => m.kind)).toEqual(['started', 'done']);
    expect(all[0].pid).toBe(child.pid);
    expect(all[1].pid).toBe(process.pid);
  }, 60_000);
});
