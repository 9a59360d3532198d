import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCurriculumRequest } from '@/lib/curriculum/create-curriculum-request';
import { failOrphanedGenerations } from '@/lib/curriculum/recover-interrupted';
import { defineGenerationJob, GENERATE_JOB } from '@/lib/curriculum/generation-job';
import { getCurriculumOrThrow } from '@/lib/curriculum/get-curriculum';
import { offlineProvider, openAiProvider, type TCurriculumProvider } from '@/lib/curriculum/get-provider';
import { planOffline } from '@/lib/curriculum/plan-offline';
import { retryGeneration } from '@/lib/curriculum/retry-generation';
import { ZCurriculumRequest } from '@/lib/curriculum/schemas';
import { withUser } from '@/lib/db/with-user';
import { defineJob, startJobRunner, stopJobRunner, wakeJobRunner } from '@/lib/jobs';
import { createJobRunner, type TJobRunner, type TJobRunnerOptions } from '@/lib/jobs/runner';
import { listEventsAfter } from '@/lib/realtime/publish-event';
import { createUser } from '../support/factories';
import { expectLoggedError } from '../support/logged-errors';
import { planScript, stallOnce, startFakeOpenAi, type TFakeOpenAi, type TResponder, type TScriptStep } from '../support/fake-openai';
import { createTestDb, type TTestDb } from '../support/test-db';

// Curriculum generation as a job with a lease (issue #9: "a curriculum killed mid-stream stays `generating`
// forever"). Runs on in-memory PGlite (table queue) and, with TEST_DATABASE_URL, on Postgres (pg-boss).
// A runner "killed" mid-stream is abandoned (its lease left to lapse, its handler left hanging on the model
// stream as a frozen process would); tests/integration/generation-crash.test.ts kills a real process.

const today = new Date();
const request = ZCurriculumRequest.parse({
  goal: 'Learn SQL for data analysis',
  level: 'beginner',
  hoursPerWeek: 4,
  weeks: 6,
  materials: ['reading', 'practice'],
});
const plan = planOffline(request, today);
// The model's answers to a whole generation: the outline, then each module (tests/support/fake-openai.ts).
const steps = planScript(plan, { chunkSize: 400 });
const content = (i: number) => (steps[i] as { content: string }).content;
const LEASE_MS = 1000;
const fast: TJobRunnerOptions = { pollMs: 50, leaseMs: LEASE_MS, retryBaseMs: 100 };

let t: TTestDb;
let fake: TFakeOpenAi | undefined;
let provider: TCurriculumProvider = offlineProvider;
const runners: TJobRunner[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await sleep(25);
  }
}

async function runner() {
  const r = await createJobRunner(t.db, fast);
  runners.push(r);
  return r;
}

async function fakeModel(script: TScriptStep[] | TResponder) {
  fake = await startFakeOpenAi(script);
  provider = openAiProvider({
    apiKey: 'sk-test',
    baseURL: fake.url,
    model: 'fake-model',
    timeoutMs: 20_000,
    maxTokens: 8000,
    maxRetries: 0,
    linkCheck: false, // the offline plan's links lead outside; these tests are about the job
  });
  return fake;
}

/** What POST /api/curricula does: the request and its job, in the learner's transaction. */
async function saveRequest(o: { provider?: 'openai' | 'offline'; attempts?: number } = {}) {
  const user = await createUser(t.db);
  const { id } = await withUser(t.db, user, (tx) =>
    createCurriculumRequest(tx, {
      userId: user.id,
      request,
      provider: o.provider ?? 'openai',
      dailyLimit: 10,
      today,
      attempts: o.attempts ?? 3,
    }),
  );
  return { user, id };
}

const row = async (id: string) =>
  (
    await t.db.query<{
      status: string;
      attempts: number;
      partial: unknown[];
      plan: { modules: { id: string; title: string }[] } | null;
      error: string | null;
    }>('select status, attempts, partial_modules as partial, plan, error from public.curricula where id = $1', [id])
  ).rows[0];
/** The row has the status and its event is published (published just after the write that set it). */
const settled = (userId: string, id: string, status: 'ready' | 'failed', timeoutMs?: number) =>
  waitFor(
    async () =>
      (await row(id)).status === status &&
      (await listEventsAfter(t.db, userId, 0)).some(
        (e) => e.type === 'curriculum.status' && e.payload.curriculumId === id && e.payload.status === status,
      ),
    timeoutMs,
  );
const aiCalls = async (userId: string) =>
  (await t.db.query<{ kind: string }>('select kind from public.ai_calls where user_id = $1 order by created_at', [userId])).rows.map(
    (r) => r.kind,
  );

beforeAll(async () => {
  t = await createTestDb();
  defineGenerationJob({ provider: () => provider });
  // The first runner installs pg-boss (Postgres) and its queue, so the jobs below go through pg-boss.
  await (await createJobRunner(t.db, fast)).stop();
});
afterEach(async () => {
  for (const r of runners.splice(0)) await r.stop(1000);
  await stopJobRunner(1000);
  defineGenerationJob({ provider: () => provider });
  await fake?.close();
  fake = undefined;
  provider = offlineProvider;
});
afterAll(async () => t.drop());

describe('a generation whose runner dies mid-stream', () => {
  it('is taken again by another runner once the lease lapses, and ends ready with each module once', async () => {
    // The outline and module 1 arrive, then module 2's stream stalls half-way; the next attempt gets everything.
    const f = await fakeModel(stallOnce(plan, 1));
    const { user, id } = await saveRequest();
    const first = await runner();
    await waitFor(async () => (await row(id)).partial.length === 1); // one module stored, then the model stalls
    await first.abandon(); // the process "dies": no more heartbeats, its lease is left to lapse

    await runner();
    await settled(user.id, id, 'ready');
    expect(f.requests).toHaveLength(3 + steps.length);

    const done = await row(id);
    expect(done.attempts).toBe(2);
    expect(done.partial).toEqual([]);
    expect(done.plan!.modules.map((m) => m.title)).toEqual(plan.modules.map((m) => m.title));
    expect(new Set(done.plan!.modules.map((m) => m.id)).size).toBe(plan.modules.length);

    // The page: module 0 from the dead attempt, a restart that clears it, then every module once, then ready.
    // Curriculum events only: "curriculum ready" also moves the learner's unread count (notifications.unread).
    const events = (await listEventsAfter(t.db, user.id, 0))
      .filter((e) => e.type.startsWith('curriculum.'))
      .map((e) => (e.type === 'curriculum.status' ? `${e.payload.status}${e.payload.restarted ? ':restart' : ''}` : `m${e.payload.index}`));
    // (each attempt publishes `generating` again with the module count once its outline is in)
    expect(events).toEqual([
      'generating',
      'generating',
      'm0',
      'generating:restart',
      'generating',
      ...plan.modules.map((_, i) => `m${i}`),
      'ready',
    ]);

    // The dead attempt's stream resumes (a frozen process wakes up): it no longer owns the row, so it writes nothing.
    // Curriculum events only: the "curriculum ready" notification's unread-count event may land later, on its own.
    const curriculumEvents = async () => (await listEventsAfter(t.db, user.id, 0)).filter((e) => e.type.startsWith('curriculum.'));
    const before = await curriculumEvents();
    f.releaseStalls();
    await sleep(800);
    expect(await row(id)).toEqual(done);
    expect(await curriculumEvents()).toHaveLength(before.length);

    // One model call was counted with the request; the second attempt's call counts once more.
    expect(await aiCalls(user.id)).toEqual(['resume']);
    const c = await withUser(t.db, user, (tx) => getCurriculumOrThrow(tx, { id, userId: user.id }));
    expect(c.status).toBe('ready');
  }, 40_000);

  it('an attempt that died before reaching the model counts no call', async () => {
    await fakeModel(steps);
    const { user, id } = await saveRequest();
    // A runner takes the job and freezes before the model is called.
    let taken = false;
    defineJob(GENERATE_JOB, () => {
      taken = true;
      return new Promise<void>(() => {});
    });
    const first = await runner();
    await waitFor(async () => taken);
    await first.abandon();
    defineGenerationJob({ provider: () => provider });
    await runner();
    await waitFor(async () => (await row(id)).status === 'ready');
    expect(fake!.requests).toHaveLength(steps.length);
    expect(await aiCalls(user.id)).toEqual([]);
  }, 30_000);
});

describe('the lease is renewed while the model streams', () => {
  it('a stream longer than the lease, with a second runner polling, calls the model once', async () => {
    // ~3 s of streaming: three leases' worth. Without heartbeats the idle runner would take the job after 1 s.
    const f = await fakeModel(planScript(plan, { chunkSize: Math.ceil(content(1).length / 5), delayMs: 100 }));
    const { user, id } = await saveRequest();
    await runner();
    await runner();
    await waitFor(async () => (await row(id)).status === 'ready', 20_000);
    await sleep(LEASE_MS * 1.5); // long enough for a lapsed lease to be taken again
    expect(f.requests).toHaveLength(steps.length); // each call once
    expect((await row(id)).attempts).toBe(1);
    expect((await row(id)).plan!.modules).toHaveLength(plan.modules.length);
    expect(await aiCalls(user.id)).toEqual([]);
  }, 40_000);
});

describe('failed attempts', () => {
  it('are retried with backoff; after the last the row is failed with Retry, which queues a job again', async () => {
    expectLoggedError(/^job failed; will retry: Error: generation attempt 1 of 2 failed; retrying$/);
    const f = await fakeModel([{ kind: 'status', status: 500 }, { kind: 'status', status: 500 }, ...steps]);
    const { user, id } = await saveRequest({ attempts: 2 });
    await runner();
    await settled(user.id, id, 'failed');
    expect(f.requests).toHaveLength(2); // two attempts, one model call each
    expect(f.requests[1].at - f.requests[0].at).toBeGreaterThanOrEqual(100); // the backoff
    const statuses = (await listEventsAfter(t.db, user.id, 0)).filter((e) => e.type === 'curriculum.status').map((e) => e.payload.status);
    expect(statuses).toEqual(['generating', 'generating', 'failed']); // no `failed` before the last attempt
    expect((await row(id)).error).toMatch(/500/);
    expect(await aiCalls(user.id)).toEqual(['resume']);

    await withUser(t.db, user, (tx) =>
      retryGeneration(tx, { id, userId: user.id, dailyLimit: 10, limits: { dailyLimit: 10 }, attempts: 2 }),
    );
    expect((await row(id)).status).toBe('queued');
    await waitFor(async () => (await row(id)).status === 'ready');
    expect(f.requests).toHaveLength(2 + steps.length);
    expect(await aiCalls(user.id)).toEqual(['resume', 'retry']); // the retry's call was counted when asked
  }, 40_000);
});

describe('the offline planner', () => {
  it('still completes through the job, and counts no model call', async () => {
    const { user, id } = await saveRequest({ provider: 'offline' });
    await runner();
    await waitFor(async () => (await row(id)).status === 'ready');
    const done = await row(id);
    expect(done.plan!.modules.map((m) => m.title)).toEqual(plan.modules.map((m) => m.title));
    expect(await aiCalls(user.id)).toEqual([]);
  });
});

describe('the orphan sweep (replaces the start-up rule "unfinished for 10 minutes")', () => {
  it('leaves a generation whose job waits or runs alone, and fails one whose job ended without settling it', async () => {
    const { user, id } = await saveRequest({ provider: 'offline' });
    await t.db.query(`update public.curricula set status = 'generating' where id = $1`, [id]);
    expect(await failOrphanedGenerations(t.db)).toBe(0); // its job is waiting (in pg-boss on Postgres)

    // The job runs and ends without settling the row, as when the last attempt's process died.
    let ran = false;
    defineJob(GENERATE_JOB, async () => {
      ran = true;
      expect(await failOrphanedGenerations(t.db)).toBe(0); // running: the lease decides, not the sweep
    });
    const r = await runner();
    await waitFor(async () => ran);
    await r.stop(2000);
    await waitFor(async () => (await failOrphanedGenerations(t.db)) === 1, 5000);
    const c = await row(id);
    expect(c.status).toBe('failed');
    expect(c.error).toMatch(/retry/);
    const last = (await listEventsAfter(t.db, user.id, 0)).at(-1);
    expect(last).toMatchObject({ type: 'curriculum.status', payload: { curriculumId: id, status: 'failed' } });
  });
});

describe("this process's runner", () => {
  it('takes a new request at once when woken, not at its next poll', async () => {
    await startJobRunner(t.db, { ...fast, pollMs: 60_000 });
    await sleep(200); // past the first poll
    const { id } = await saveRequest({ provider: 'offline' });
    const t0 = Date.now();
    wakeJobRunner();
    await waitFor(async () => (await row(id)).status === 'ready', 10_000);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });
});

describe('the request and its job', () => {
  it('commit together: a request whose transaction rolls back leaves no job, a refused one neither', async () => {
    const jobs = async (key?: string) => {
      const where = key ? 'name = $1 and singleton_key = $2' : 'name = $1';
      const args = key ? [GENERATE_JOB, key] : [GENERATE_JOB];
      const table = await t.db.query(`select 1 from public.jobs where ${where}`, args);
      const boss = t.db.kind === 'postgres' ? await t.db.query(`select 1 from pgboss.job where ${where}`, args) : { rows: [] };
      return table.rows.length + boss.rows.length;
    };
    const before = await jobs();
    const user = await createUser(t.db);
    let savedId = '';
    await expect(
      withUser(t.db, user, async (tx) => {
        savedId = (await createCurriculumRequest(tx, { userId: user.id, request, provider: 'offline', dailyLimit: 10 })).id;
        throw new Error('the request fails after saving');
      }),
    ).rejects.toThrow(/after saving/);
    await expect(
      withUser(t.db, user, (tx) => createCurriculumRequest(tx, { userId: user.id, request, provider: 'offline', dailyLimit: 0 })),
    ).rejects.toMatchObject({
      code: 'rate_limited',
    });
    expect(savedId).not.toBe('');
    expect(await jobs(savedId)).toBe(0);
    expect(await jobs()).toBe(before);
    const { rows } = await t.db.query<{ n: number }>(`select count(*)::int as n from public.curricula where user_id = $1`, [user.id]);
    expect(rows[0].n).toBe(0);

    const { id } = await saveRequest({ provider: 'offline' });
    expect(await jobs(id)).toBe(1);
  });
});
