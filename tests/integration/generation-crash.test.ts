import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCurriculumRequest } from '@/lib/curriculum/create-curriculum-request';
import { defineGenerationJob } from '@/lib/curriculum/generation-job';
import { openAiProvider } from '@/lib/curriculum/get-provider';
import { planOffline } from '@/lib/curriculum/plan-offline';
import { ZCurriculumRequest } from '@/lib/curriculum/schemas';
import { withUser } from '@/lib/db/with-user';
import { startJobRunner, stopJobRunner } from '@/lib/jobs';
import { createUser } from '../support/factories';
import { planScript, stallOnce, startFakeOpenAi, type TFakeOpenAi } from '../support/fake-openai';
import { createTestDb, type TTestDb } from '../support/test-db';

// A real crash (issue #9): a worker process streams a curriculum from the model and is killed with SIGKILL
// after the first module; this process's runner takes the job once the dead worker's lease has lapsed and
// generates it again from the saved request. Postgres only (TEST_DATABASE_URL): an in-memory PGlite cannot
// be shared with another process (generation-lease.test.ts covers PGlite by abandoning a runner).
const CHILD = `
import { createPostgresDb } from '@/lib/db/postgres-client';
import { defineGenerationJob } from '@/lib/curriculum/generation-job';
import { openAiProvider } from '@/lib/curriculum/get-provider';
import { startJobRunner } from '@/lib/jobs';
const db = createPostgresDb(process.env.CHILD_DB_URL!, 3);
const provider = openAiProvider({ apiKey: 'sk-test', baseURL: process.env.CHILD_OPENAI_URL!, model: 'fake-model', timeoutMs: 60_000, maxTokens: 8000, maxRetries: 0, linkCheck: false });
defineGenerationJob({ provider: () => provider });
await startJobRunner(db, { pollMs: 50, leaseMs: 1000 });
`;

const request = ZCurriculumRequest.parse({
  goal: 'Learn SQL for data analysis',
  level: 'beginner',
  hoursPerWeek: 4,
  weeks: 6,
  materials: ['reading', 'practice'],
});
const plan = planOffline(request, new Date());
// The model's answers: the outline, then each module (tests/support/fake-openai.ts).
const steps = planScript(plan, { chunkSize: 200 });

let t: TTestDb;
let dir: string;
let fake: TFakeOpenAi;
let child: ChildProcess | undefined;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor(check: () => Promise<boolean>, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await sleep(50);
  }
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('a worker killed with SIGKILL mid-stream', () => {
  beforeAll(async () => {
    t = await createTestDb();
    dir = mkdtempSync(path.join(tmpdir(), 'pw-generation-crash-'));
    writeFileSync(path.join(dir, 'child.mts'), CHILD);
    // The worker gets the outline and module 1, then module 2 stalls; the next attempt gets everything.
    fake = await startFakeOpenAi(stallOnce(plan, 1, { chunkSize: 200 }));
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await stopJobRunner(1000);
    await fake.close();
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves a lease that lapses; the next runner generates again, each module once', async () => {
    const provider = openAiProvider({
      apiKey: 'sk-test',
      baseURL: fake.url,
      model: 'fake-model',
      timeoutMs: 20_000,
      maxTokens: 8000,
      maxRetries: 0,
      linkCheck: false,
    });
    defineGenerationJob({ provider: () => provider });
    // This process installs pg-boss and the queue first, so the job goes to pg-boss.
    await startJobRunner(t.db, { pollMs: 50, leaseMs: 1000 });
    await stopJobRunner();
    const user = await createUser(t.db);
    const { id } = await withUser(t.db, user, (tx) =>
      createCurriculumRequest(tx, { userId: user.id, request, provider: 'openai', dailyLimit: 10, attempts: 3 }),
    );
    const row = async () =>
      (
        await t.db.query<{
          status: string;
          attempts: number;
          partial: unknown[];
          plan: { modules: { id: string; title: string }[] } | null;
        }>('select status, attempts, partial_modules as partial, plan from public.curricula where id = $1', [id])
      ).rows[0];

    child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(dir, 'child.mts')], {
      env: {
        ...process.env,
        CHILD_DB_URL: t.url!,
        CHILD_OPENAI_URL: fake.url,
        NODE_ENV: 'test',
        TSX_TSCONFIG_PATH: path.resolve('tsconfig.json'),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitFor(async () => (await row()).partial.length === 1, 30_000);
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    expect((await row()).status).toBe('generating'); // what issue #9 saw, forever

    await startJobRunner(t.db, { pollMs: 50, leaseMs: 1000 });
    // The dead worker's job is taken again once its lease is seen to lapse: on Postgres that waits for pg-boss's
    // expiry check, whose timing varies with load (one CI run took over 20 s).
    await waitFor(async () => (await row()).status === 'ready', 60_000);
    await sleep(500);
    const done = await row();
    expect(fake.requests).toHaveLength(3 + steps.length);
    expect(done.attempts).toBe(2);
    expect(done.partial).toEqual([]);
    expect(done.plan!.modules.map((m) => m.title)).toEqual(plan.modules.map((m) => m.title));
    expect(new Set(done.plan!.modules.map((m) => m.id)).size).toBe(plan.modules.length);
  }, 150_000);
});
