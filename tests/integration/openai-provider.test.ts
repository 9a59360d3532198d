import { withUser } from '@/lib/db';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCurriculumRequest } from '@/lib/curriculum/create-curriculum-request';
import { getCurriculumOrThrow } from '@/lib/curriculum/get-curriculum';
import { openAiProvider } from '@/lib/curriculum/get-provider';
import { planOffline } from '@/lib/curriculum/plan-offline';
import { runGeneration } from '@/lib/curriculum/run-generation';
import { ZCurriculumRequest } from '@/lib/curriculum/schemas';
import { listEventsAfter } from '@/lib/realtime/publish-event';
import { createUser } from '../support/factories';
import { startFakeOpenAi, type TFakeOpenAi, type TScriptStep } from '../support/fake-openai';
import { createTestDb, type TTestDb } from '../support/test-db';

const today = new Date('2026-11-25T09:00:00Z');
const request = ZCurriculumRequest.parse({
  goal: 'Learn SQL for data analysis',
  level: 'beginner',
  hoursPerWeek: 4,
  weeks: 6,
  materials: ['reading', 'practice'],
});
const good = JSON.stringify(planOffline(request, today));
const brokenPlan = planOffline(request, today);
// Breaks the schema: a quiz with one question.
const broken = JSON.stringify({
  ...brokenPlan,
  modules: brokenPlan.modules.map((m, i) =>
    i === 0 && m.checkpoint.type === 'quiz' ? { ...m, checkpoint: { type: 'quiz', questions: m.checkpoint.questions.slice(0, 1) } } : m,
  ),
});

let t: TTestDb;
let fake: TFakeOpenAi | undefined;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.drop());
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(script: TScriptStep[], o: { timeoutMs?: number; maxRetries?: number } = {}) {
  fake = await startFakeOpenAi(script);
  const user = await createUser(t.db);
  const { id } = await withUser(t.db, user, (tx) =>
    createCurriculumRequest(tx, { userId: user.id, request, provider: 'openai', dailyLimit: 10, today }),
  );
  const provider = openAiProvider({
    apiKey: 'sk-test',
    baseURL: fake.url,
    model: 'fake-model',
    timeoutMs: o.timeoutMs ?? 5000,
    maxTokens: 8000,
    maxRetries: o.maxRetries ?? 2,
  });
  return { user, id, provider, fake };
}

describe('OpenAI provider against a local Chat Completions server', () => {
  it('streams a good answer: modules are stored and published one by one, then the plan is ready', async () => {
    const { user, id, provider, fake } = await setup([{ kind: 'stream', content: good, chunkSize: 50 }]);
    expect(await runGeneration(t.db, id, provider, today)).toBe('ready');
    const body = fake.requests[0].body;
    expect(body.stream).toBe(true);
    expect(body.model).toBe('fake-model');
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'curriculum' } });
    const c = await withUser(t.db, user, (tx) => getCurriculumOrThrow(tx, { id, userId: user.id }));
    expect(c.status).toBe('ready');
    expect(c.provider).toBe('openai');
    expect(c.plan?.title).toBe(JSON.parse(good).title);
    expect(c.plan?.modules.every((m) => m.id && m.lessons.every((l) => l.id))).toBe(true);
    const events = await listEventsAfter(t.db, user.id, 0);
    const types = events.map((e) => (e.type === 'curriculum.status' ? `status:${e.payload.status}` : `module:${e.payload.index}`));
    expect(types).toEqual(['status:generating', ...JSON.parse(good).modules.map((_: unknown, i: number) => `module:${i}`), 'status:ready']);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  });

  it('retries once with the validation errors when the answer breaks the schema', async () => {
    const { user, id, provider, fake } = await setup([
      { kind: 'stream', content: broken },
      { kind: 'stream', content: good },
    ]);
    expect(await runGeneration(t.db, id, provider, today)).toBe('ready');
    expect(fake.requests).toHaveLength(2);
    const messages = fake.requests[1].body.messages as { role: string; content: string }[];
    expect(messages.at(-2)).toMatchObject({ role: 'assistant', content: broken });
    expect(messages.at(-1)?.content).toMatch(/did not validate[\s\S]*modules\.0\.checkpoint\.questions/);
    expect((await withUser(t.db, user, (tx) => getCurriculumOrThrow(tx, { id, userId: user.id }))).status).toBe('ready');
  });

  it('fails clearly when the answer breaks the schema twice', async () => {
    const { user, id, provider, fake } = await setup([{ kind: 'stream', content: broken }]);
    expect(await runGeneration(t.db, id, provider, today)).toBe('failed');
    expect(fake.requests).toHaveLength(2);
    const c = await withUser(t.db, user, (tx) => getCurriculumOrThrow(tx, { id, userId: user.id }));
    expect(c.error).toMatch(/did not match the curriculum format twice/);
  });

  it('backs off and retries after a 429', async () => {
    const { id, provider, fake } = await setup([
      { kind: 'status', status: 429, headers: { 'retry-after-ms': '50' } },
      { kind: 'stream', content: good },
    ]);
    expect(await runGeneration(t.db, id, provider, today)).toBe('ready');
    expect(fake.requests).toHaveLength(2);
  });

  it('retries a request that times out', async () => {
    const { id, provider, fake } = await setup(
      [
        { kind: 'hang', ms: 5000 },
        { kind: 'stream', content: good },
      ],
      { timeoutMs: 400 },
    );
    expect(await runGeneration(t.db, id, provider, today)).toBe('ready');
    expect(fake.requests).toHaveLength(2);
  });

  it('leaves the request failed and retryable after a final failure, and a retry reuses the saved request', async () => {
    const first = await setup([{ kind: 'status', status: 503 }], { maxRetries: 1 });
    expect(await runGeneration(t.db, first.id, first.provider, today)).toBe('failed');
    expect(first.fake.requests).toHaveLength(2);
    const failed = await withUser(t.db, first.user, (tx) => getCurriculumOrThrow(tx, { id: first.id, userId: first.user.id }));
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/503/);
    expect(failed.request).toEqual(request);
    const events = await listEventsAfter(t.db, first.user.id, 0);
    expect(events.at(-1)).toMatchObject({ type: 'curriculum.status', payload: { status: 'failed', curriculumId: first.id } });

    await first.fake.close();
    fake = await startFakeOpenAi([{ kind: 'stream', content: good }]);
    const retry = openAiProvider({ apiKey: 'sk-test', baseURL: fake.url, model: 'fake-model', timeoutMs: 5000, maxTokens: 8000 });
    expect(await runGeneration(t.db, first.id, retry, today)).toBe('ready');
    const userMessage = (fake.requests[0].body.messages as { role: string; content: string }[])[1].content;
    expect(userMessage).toContain('Goal: Learn SQL for data analysis');
    const ready = await withUser(t.db, first.user, (tx) => getCurriculumOrThrow(tx, { id: first.id, userId: first.user.id }));
    expect(ready).toMatchObject({ status: 'ready', attempts: 2, error: null });
  });

  it('does not start a second run of a curriculum that is already ready', async () => {
    const { id, provider, fake } = await setup([{ kind: 'stream', content: good }]);
    expect(await runGeneration(t.db, id, provider, today)).toBe('ready');
    expect(await runGeneration(t.db, id, provider, today)).toBe('skipped');
    expect(fake.requests).toHaveLength(1);
  });
});
