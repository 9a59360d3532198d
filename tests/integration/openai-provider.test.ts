import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { extendCurriculum, regenerateModule } from '@/lib/curriculum/change-curriculum';
import { createCurriculumRequest } from '@/lib/curriculum/create-curriculum-request';
import { defineGenerationJob } from '@/lib/curriculum/generation-job';
import { getCurriculumOrThrow } from '@/lib/curriculum/get-curriculum';
import { openAiProvider, type TCurriculumProvider } from '@/lib/curriculum/get-provider';
import type { TCheckLinksOptions } from '@/lib/curriculum/check-links';
import { planOffline } from '@/lib/curriculum/plan-offline';
import { runGeneration } from '@/lib/curriculum/run-generation';
import { curriculumMinutes, ZCurriculumRequest, type TModule } from '@/lib/curriculum/schemas';
import { withUser } from '@/lib/db';
import { startJobRunner, stopJobRunner } from '@/lib/jobs';
import { listEventsAfter } from '@/lib/realtime/publish-event';
import { createUser } from '../support/factories';
import {
  answerFrom,
  callOf,
  moduleAnswer,
  outlineAnswer,
  startFakeOpenAi,
  type TFakeOpenAi,
  type TResponder,
} from '../support/fake-openai';
import { createTestDb, type TTestDb } from '../support/test-db';

// The AI path (issue #14) through the `openai` SDK against a local streaming Chat Completions server:
// an outline call, then one call per module, each module paced, stored and published as its call ends;
// resource links checked through the SSRF guard (a test resolver points `*.links.test` at a local server).

const today = new Date('2026-11-25T09:00:00Z');
const request = ZCurriculumRequest.parse({
  goal: 'Learn SQL for data analysis',
  level: 'beginner',
  hoursPerWeek: 4,
  weeks: 6,
  materials: ['reading', 'practice'],
});
const BUDGET = 4 * 6 * 60;
const plan = planOffline(request, today);
const n = plan.modules.length;

let t: TTestDb;
let fake: TFakeOpenAi | undefined;
let links: { server: Server; port: number; hits: string[] };
beforeAll(async () => {
  t = await createTestDb();
  // A site with a live page, a dead one, one that refuses HEAD, and redirects to a live page and to a private address.
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    const to = (location: string) => res.writeHead(302, { location }).end();
    if (req.url === '/live') res.writeHead(200).end('ok');
    else if (req.url === '/no-head') res.writeHead(req.method === 'HEAD' ? 405 : 200).end();
    else if (req.url === '/moved') to('/live');
    else if (req.url === '/to-private') to('http://10.1.2.3/admin');
    else if (req.url === '/to-metadata') to('http://169.254.169.254/latest/meta-data/');
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  links = { server, port: (server.address() as AddressInfo).port, hits };
});
afterAll(async () => {
  links.server.closeAllConnections();
  await new Promise((r) => links.server.close(r));
  await t.drop();
});
afterEach(async () => {
  await stopJobRunner(1000);
  await fake?.close();
  fake = undefined;
  links.hits.length = 0;
});

/** The test's link policy: `*.links.test` resolves to the local site, and only 127.0.0.1 is allowed (the default allows no private address). */
const testLinks: TCheckLinksOptions = {
  timeoutMs: 2000,
  resolve: async (host) => (host.endsWith('.links.test') ? [{ address: '127.0.0.1', family: 4 }] : []),
  isAllowedAddress: (address) => address === '127.0.0.1',
};
const site = (path: string) => `http://docs.links.test:${links.port}${path}`;

async function setup(script: TResponder | Parameters<typeof startFakeOpenAi>[0], o: { timeoutMs?: number; maxRetries?: number } = {}) {
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
    linkCheck: testLinks,
  });
  return { user, id, provider, fake };
}
const load = (user: { id: string }, id: string) => withUser(t.db, user as never, (tx) => getCurriculumOrThrow(tx, { id, userId: user.id }));
const userMessage = (body: Record<string, unknown>) =>
  (body.messages as { role: string; content: string }[]).filter((m) => m.role === 'user')[0].content;
const tokensUsed = async (id: string) =>
  (await t.db.query<{ n: number }>('select tokens_used as n from public.curricula where id = $1', [id])).rows[0].n;
const minutes = (m: TModule) => m.lessons.reduce((s, l) => s + l.estimatedMinutes, 0);

/** Every object in a JSON schema lists all its properties as required and allows no others (OpenAI strict mode). */
function assertStrict(node: unknown, path = '$'): void {
  if (Array.isArray(node)) return node.forEach((x, i) => assertStrict(x, `${path}[${i}]`));
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.properties) {
    expect(o.additionalProperties, path).toBe(false);
    expect([...(o.required as string[])].sort(), path).toEqual(Object.keys(o.properties).sort());
  }
  for (const [k, v] of Object.entries(o)) assertStrict(v, `${path}.${k}`);
}

describe('the AI path: outline, then modules', () => {
  it('through the generation job: an outline call, one call per module in order, each module stored and published as it ends', async () => {
    const { user, id, provider, fake } = await setup(answerFrom(plan, { chunkSize: 100, delayMs: 5 }));
    defineGenerationJob({ provider: () => provider });
    await startJobRunner(t.db, { pollMs: 50 });
    const deadline = Date.now() + 30_000;
    while ((await load(user, id)).status !== 'ready' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

    const calls = fake.requests.map((r) => callOf(r.body));
    expect(calls).toEqual(['outline', ...plan.modules.map((_, i) => i)]);
    for (const { body } of fake.requests) {
      expect(body).toMatchObject({ stream: true, model: 'fake-model', max_completion_tokens: 8000 });
      expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { strict: true } });
      assertStrict((body.response_format as { json_schema: { schema: unknown } }).json_schema.schema);
    }
    expect(userMessage(fake.requests[0].body)).toContain('Choose "shape" from these'); // no atlas match: the model picks
    // A module call carries its share of the budget and its weeks, computed by the server.
    expect(userMessage(fake.requests[1].body)).toMatch(
      /Write module 1 of \d+: .*scheduled in weeks? 1.*about \d+ minutes: write \d+ lessons?/,
    );

    const c = await load(user, id);
    expect(c.status).toBe('ready');
    expect(c.plan!.modules.map((m) => m.title)).toEqual(plan.modules.map((m) => m.title));
    expect(c.plan!.meta).toMatchObject({ generator: 'model', shape: 'programming', language: 'en', subject: null });
    expect(c.plan!.modules.every((m) => m.lessons.every((l) => l.week && l.week >= 1 && l.week <= 6))).toBe(true);
    expect(c.plan!.modules[0].lessons[0].week).toBe(1);
    expect(c.plan!.modules.at(-1)!.lessons.at(-1)!.week).toBe(6);
    expect(Math.abs(curriculumMinutes(c.plan!) - BUDGET)).toBeLessThanOrEqual(BUDGET * 0.1);
    expect(await tokensUsed(id)).toBe(1000 * fake.requests.length); // every call's usage counted

    // Curriculum events only: "curriculum ready" also moves the learner's unread count (notifications.unread).
    const events = (await listEventsAfter(t.db, user.id, 0)).filter((e) => e.type.startsWith('curriculum.'));
    const types = events.map((e) => (e.type === 'curriculum.status' ? `status:${e.payload.status}` : `module:${e.payload.index}`));
    expect(types).toEqual(['status:generating', 'status:generating', ...plan.modules.map((_, i) => `module:${i}`), 'status:ready']);
    expect(events[1].payload.expected).toBe(n);
    // Each module was published after its own call ended and before the next call started.
    const moduleEvents = events.filter((e) => e.type === 'curriculum.module');
    const publishedAt = moduleEvents.map((e) => Date.parse(e.at));
    for (let i = 0; i + 2 < fake.requests.length; i++) expect(publishedAt[i]).toBeLessThanOrEqual(fake.requests[i + 2].at + 5);
  }, 40_000);

  it("carries the goal's shape, prerequisites, review, assessment and objective rules in the prompt; warnings and caveat reach the plan's meta", async () => {
    const f = await startFakeOpenAi(
      answerFrom(plan, {
        outline: {
          shape: 'programming', // the model's guess loses to the atlas matcher's
          warnings: ['A sub-2-hour half marathon in 6 weeks from no running is not realistic; aim to finish it.'],
          caveat: 'Not medical advice: see a doctor before starting if you have a heart condition.',
        },
      }),
    );
    fake = f;
    const user = await createUser(t.db);
    const { id } = await withUser(t.db, user, (tx) =>
      createCurriculumRequest(tx, { userId: user.id, request, provider: 'openai', dailyLimit: 10, today }),
    );
    const provider = openAiProvider({
      apiKey: 'sk-test',
      baseURL: f.url,
      model: 'fake-model',
      timeoutMs: 5000,
      maxTokens: 8000,
      linkCheck: false,
      matchGoal: () => ({ shape: 'training', subject: { id: 'half-marathon', name: 'Half marathon' } }),
    });
    expect(await runGeneration(t.db, id, provider, today)).toBe('ready');
    const [system, user0] = (f.requests[0].body.messages as { content: string }[]).map((m) => m.content);
    expect(system).toMatch(/Spaced review: from the second module on/);
    expect(system).toMatch(/The last module ends with a final assessment/);
    expect(system).toMatch(/"objective" is the exact text of one lesson objective/);
    expect(system).toMatch(/unrealistic goal[\s\S]*"caveat"/);
    expect(user0).toContain('matches the subject "Half marathon"');
    expect(user0).toMatch(/This goal is physical training: .*taper.*safety note.*Set "shape" to "training"/);
    expect(user0).toMatch(/List the prerequisites/);
    expect(user0).toContain('4 hours per week for 6 weeks');
    expect(userMessage(f.requests.at(-1)!.body)).toMatch(/scheduled in weeks? [\d-]*6/);
    const c = await load(user, id);
    expect(c.plan!.meta).toEqual({
      generator: 'model',
      shape: 'training',
      subject: { id: 'half-marathon', name: 'Half marathon' },
      language: 'en',
      languageFallback: false,
      warnings: ['A sub-2-hour half marathon in 6 weeks from no running is not realistic; aim to finish it.'],
      caveat: 'Not medical advice: see a doctor before starting if you have a heart condition.',
    });
  });

  it('paces a model that overruns the budget: three times too many minutes become the budget within ±10%, hours matching lessons', async () => {
    const { user, id, provider } = await setup(answerFrom(plan, { module: (m) => moduleAnswer(m, { minutesFactor: 3 }) }));
    expect(await runGeneration(t.db, id, provider, today)).toBe('ready');
    const c = await load(user, id);
    const total = curriculumMinutes(c.plan!);
    expect(Math.abs(total - BUDGET)).toBeLessThanOrEqual(BUDGET * 0.1);
    for (const m of c.plan!.modules) {
      expect(Math.abs(m.estimatedHours * 60 - minutes(m))).toBeLessThan(1);
      expect(m.lessons.every((l) => l.estimatedMinutes % 5 === 0 && l.estimatedMinutes >= 5)).toBe(true);
    }
    // Proportions kept: the outline gave module sizes; the longest module in the offline plan is still the longest.
    const longest = (ms: TModule[]) => ms.indexOf(ms.reduce((a, b) => (minutes(b) > minutes(a) ? b : a)));
    expect(longest(c.plan!.modules)).toBe(longest(plan.modules));
  });

  it('checks the links the model gives: live and redirected-to-live links stay; dead, refused and redirected-to-private become labelled searches', async () => {
    const resources = [
      { title: 'Live page', url: site('/live'), type: 'docs' as const },
      { title: 'Page that refuses HEAD', url: site('/no-head'), type: 'article' as const },
      { title: 'Moved page', url: site('/moved'), type: 'docs' as const },
      { title: 'Gone page', url: site('/gone'), type: 'video' as const },
      { title: 'Redirect to a private address', url: site('/to-private'), type: 'article' as const },
      { title: 'Redirect to cloud metadata', url: site('/to-metadata'), type: 'exercise' as const },
    ];
    const extra = [
      { title: 'Metadata service', url: 'http://169.254.169.254/latest/meta-data/', type: 'docs' as const },
      { title: 'Unresolvable host', url: 'https://nowhere.invalid/page', type: 'book' as const },
    ];
    const { user, id, provider } = await setup(
      answerFrom(plan, {
        module: (m, i) => {
          const a = moduleAnswer(m);
          if (i === 0) a.lessons[0].resources = resources;
          if (i === 1) a.lessons[0].resources = [...extra, { title: 'Not a link', url: 'javascript:alert(1)', type: 'tool' }];
          return a;
        },
      }),
    );
    expect(await runGeneration(t.db, id, provider, today)).toBe('ready');
    const c = await load(user, id);
    const [first, second] = [c.plan!.modules[0].lessons[0].resources, c.plan!.modules[1].lessons[0].resources];
    expect(first.slice(0, 3)).toEqual(resources.slice(0, 3));
    expect(first[3]).toEqual({
      title: 'Search: Gone page',
      url: 'https://www.youtube.com/results?search_query=Gone%20page',
      type: 'video',
    });
    expect(first[4]).toMatchObject({
      title: 'Search: Redirect to a private address',
      type: 'article',
      url: expect.stringMatching(/^https:\/\/duckduckgo\.com\/\?q=/),
    });
    expect(first[5]).toMatchObject({
      title: 'Search: Redirect to cloud metadata',
      type: 'exercise',
      url: expect.stringMatching(/^https:\/\/github\.com\/search\?q=/),
    });
    expect(second.map((r) => r.title)).toEqual(['Search: Metadata service', 'Search: Unresolvable host', 'Search: Not a link']);
    // HEAD first, GET only when HEAD fails; redirects followed by hand (the private hop was never requested: it is not our server).
    expect(links.hits).toEqual(
      expect.arrayContaining(['HEAD /live', 'HEAD /no-head', 'GET /no-head', 'HEAD /moved', 'HEAD /gone', 'GET /gone', 'HEAD /to-private']),
    );
    expect(links.hits.filter((h) => h === 'HEAD /live').length).toBeGreaterThanOrEqual(1);
    expect(links.hits).not.toContain('GET /live');
  });

  it('Extend sends the plan so far with the outline and every module call, and keeps every module the model wrote', async () => {
    const ready = await setup(answerFrom(plan));
    expect(await runGeneration(t.db, ready.id, ready.provider, today)).toBe('ready');
    const before = await load(ready.user, ready.id);
    await fake!.close();
    const more = planOffline(ZCurriculumRequest.parse({ ...request, goal: 'Advanced SQL: window functions', weeks: 2 }), today);
    fake = await startFakeOpenAi(answerFrom(more, { outline: { title: 'SQL, further' } }));
    const provider = openAiProvider({
      apiKey: 'sk-test',
      baseURL: fake.url,
      model: 'fake-model',
      timeoutMs: 5000,
      maxTokens: 8000,
      linkCheck: testLinks,
    });
    const extended = await extendCurriculum(t.db, ready.user as never, { curriculumId: ready.id, weeks: 2, provider, today });

    const outlineAsk = userMessage(fake.requests[0].body);
    expect(callOf(fake.requests[0].body)).toBe('outline');
    expect(outlineAsk).toContain(`The plan so far is "${before.plan!.title}"`);
    for (const m of before.plan!.modules) {
      expect(outlineAsk).toContain(m.title);
      expect(outlineAsk).toContain(m.lessons[0].objectives[0]);
    }
    for (const r of fake.requests.slice(1)) expect(userMessage(r.body)).toContain(before.plan!.modules[0].title);
    expect(extended.modules).toHaveLength(Math.min(20, n + more.modules.length));
    // The new modules' lessons are scheduled after the plan's six weeks.
    const added = extended.modules.slice(n);
    expect(added.flatMap((m) => m.lessons.map((l) => l.week))).toEqual(expect.arrayContaining([7, 8]));
    expect(added.every((m) => m.lessons.every((l) => l.week! >= 7 && l.week! <= 8))).toBe(true);
  });

  it('Regenerate writes one module with one call that carries the rest of the plan', async () => {
    const ready = await setup(answerFrom(plan));
    expect(await runGeneration(t.db, ready.id, ready.provider, today)).toBe('ready');
    const before = await load(ready.user, ready.id);
    await fake!.close();
    fake = await startFakeOpenAi(answerFrom(plan));
    const provider = openAiProvider({
      apiKey: 'sk-test',
      baseURL: fake.url,
      model: 'fake-model',
      timeoutMs: 5000,
      maxTokens: 8000,
      linkCheck: testLinks,
    });
    const target = before.plan!.modules[1];
    const regenerated = await regenerateModule(t.db, ready.user as never, { curriculumId: ready.id, moduleId: target.id, provider, today });
    expect(fake.requests.map((r) => callOf(r.body))).toEqual([1]);
    const ask = userMessage(fake.requests[0].body);
    expect(ask).toContain('fresh take on module 2');
    expect(ask).toContain(before.plan!.modules[0].lessons[0].objectives[0]);
    expect(regenerated.id).toBe(target.id);
    expect(minutes(regenerated)).toBe(minutes(target));
  });

  it('token limits: each call asks for at most CURRICULUM_MAX_TOKENS; an answer cut off at the limit is asked again, shorter; all usage is counted', async () => {
    const good = answerFrom(plan);
    let cut = false;
    const { user, id, provider, fake } = await setup((body, k) => {
      const step = good(body, k);
      if (callOf(body) === 1 && !cut && step.kind === 'stream') {
        cut = true;
        return { ...step, content: step.content.slice(0, Math.floor(step.content.length / 2)), finishReason: 'length' };
      }
      return step;
    });
    expect(await runGeneration(t.db, id, provider, today)).toBe('ready');
    expect(fake.requests.map((r) => callOf(r.body))).toEqual(['outline', 0, 1, 1, ...plan.modules.slice(2).map((_, i) => i + 2)]);
    expect(fake.requests.every((r) => r.body.max_completion_tokens === 8000)).toBe(true);
    const retry = fake.requests[3].body.messages as { role: string; content: string }[];
    expect(retry.at(-1)!.content).toMatch(/cut off at the 8000-token limit/);
    expect((await load(user, id)).status).toBe('ready');
    expect(await tokensUsed(id)).toBe(1000 * fake.requests.length);
  });
});

describe('the AI path: the daily token budget', () => {
  it("stops before the next call once the learner's tokens for the day are used, fails clearly, and counts what was used", async () => {
    expect(n).toBeGreaterThanOrEqual(3);
    const { user, id, provider, fake } = await setup(answerFrom(plan));
    // 1000 tokens per call: the outline, module 1 and module 2 use 3000; module 3 is not asked for.
    expect(await runGeneration(t.db, id, provider, today, undefined, { dailyLimit: 10, dailyTokens: 2500 })).toBe('failed');
    expect(fake.requests.map((r) => callOf(r.body))).toEqual(['outline', 0, 1]);
    const c = await load(user, id);
    expect(c.error).toMatch(/AI token budget ran out before module 3 \(this plan used 3000 tokens\)/);
    expect(c.partialModules).toHaveLength(2);
    expect(await tokensUsed(id)).toBe(3000);
  });
});

describe('the AI path: failures', () => {
  const brokenQuiz: TResponder = (body, k) => {
    const step = answerFrom(plan)(body, k);
    if (callOf(body) !== 0 || step.kind !== 'stream') return step;
    const m = JSON.parse(step.content);
    m.checkpoint.questions = m.checkpoint.questions.slice(0, 1);
    return { ...step, content: JSON.stringify(m) };
  };

  it('retries a module once with the validation errors when it breaks the schema', async () => {
    let broken = 0;
    const { user, id, provider, fake } = await setup((body, k) =>
      callOf(body) === 0 && broken++ === 0 ? brokenQuiz(body, k) : answerFrom(plan)(body, k),
    );
    expect(await runGeneration(t.db, id, provider, today)).toBe('ready');
    expect(fake.requests.map((r) => callOf(r.body)).slice(0, 3)).toEqual(['outline', 0, 0]);
    const messages = fake.requests[2].body.messages as { role: string; content: string }[];
    expect(messages.at(-1)?.content).toMatch(/did not validate[\s\S]*a quiz needs 3 to 6 questions/);
    expect((await load(user, id)).status).toBe('ready');
  });

  it('retries a module whose quiz questions test no objective of the module (the linter), then keeps it', async () => {
    const off: TResponder = (body, k) => {
      const step = answerFrom(plan)(body, k);
      if (callOf(body) !== 0 || step.kind !== 'stream') return step;
      const m = JSON.parse(step.content);
      for (const q of m.checkpoint.questions) q.objective = 'Something never taught';
      return { ...step, content: JSON.stringify(m) };
    };
    const { id, provider, fake } = await setup(off);
    expect(await runGeneration(t.db, id, provider, today)).toBe('ready');
    expect(fake.requests.map((r) => callOf(r.body)).slice(0, 3)).toEqual(['outline', 0, 0]);
    expect((fake.requests[2].body.messages as { content: string }[]).at(-1)!.content).toMatch(
      /is not one of the module's lesson objectives/,
    );
  });

  it('fails clearly when a module breaks the schema twice, after publishing the modules before it', async () => {
    const { user, id, provider } = await setup(brokenQuiz);
    expect(await runGeneration(t.db, id, provider, today)).toBe('failed');
    const c = await load(user, id);
    expect(c.error).toMatch(/module 1 did not match the curriculum format twice/);
  });

  it('fails clearly when the outline breaks the schema twice', async () => {
    const { user, id, provider, fake } = await setup([
      { kind: 'stream', content: JSON.stringify({ ...outlineAnswer(plan), modules: [] }) },
    ]);
    expect(await runGeneration(t.db, id, provider, today)).toBe('failed');
    expect(fake.requests).toHaveLength(2);
    expect((await load(user, id)).error).toMatch(/the outline did not match the curriculum format twice/);
  });

  it('backs off and retries after a 429', async () => {
    const good = answerFrom(plan);
    const { id, provider, fake } = await setup((body, k) =>
      k === 0 ? { kind: 'status', status: 429, headers: { 'retry-after-ms': '50' } } : good(body, k),
    );
    expect(await runGeneration(t.db, id, provider, today)).toBe('ready');
    expect(fake.requests).toHaveLength(n + 2);
  });

  it('retries a request that times out', async () => {
    const good = answerFrom(plan);
    const { id, provider, fake } = await setup((body, k) => (k === 1 ? { kind: 'hang', ms: 5000 } : good(body, k)), { timeoutMs: 400 });
    expect(await runGeneration(t.db, id, provider, today)).toBe('ready');
    expect(fake.requests.map((r) => callOf(r.body)).slice(0, 3)).toEqual(['outline', 0, 0]);
  });

  it('leaves the request failed and retryable after a final failure, and a retry reuses the saved request', async () => {
    const first = await setup([{ kind: 'status', status: 503 }], { maxRetries: 1 });
    expect(await runGeneration(t.db, first.id, first.provider, today)).toBe('failed');
    expect(first.fake.requests).toHaveLength(2);
    const failed = await load(first.user, first.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/503/);
    expect(failed.request).toEqual(request);
    const events = await listEventsAfter(t.db, first.user.id, 0);
    expect(events.at(-1)).toMatchObject({ type: 'curriculum.status', payload: { status: 'failed', curriculumId: first.id } });

    await first.fake.close();
    fake = await startFakeOpenAi(answerFrom(plan));
    const retry: TCurriculumProvider = openAiProvider({
      apiKey: 'sk-test',
      baseURL: fake.url,
      model: 'fake-model',
      timeoutMs: 5000,
      maxTokens: 8000,
      linkCheck: testLinks,
    });
    expect(await runGeneration(t.db, first.id, retry, today)).toBe('ready');
    expect(userMessage(fake.requests[0].body)).toContain('Goal: Learn SQL for data analysis');
    expect(await load(first.user, first.id)).toMatchObject({ status: 'ready', attempts: 2, error: null });
  });

  it('does not start a second run of a curriculum that is already ready', async () => {
    const { id, provider, fake } = await setup(answerFrom(plan));
    expect(await runGeneration(t.db, id, provider, today)).toBe('ready');
    expect(await runGeneration(t.db, id, provider, today)).toBe('skipped');
    expect(fake.requests).toHaveLength(n + 1);
  });
});
