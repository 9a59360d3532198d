import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extendCurriculum, regenerateModule } from '@/lib/curriculum/change-curriculum';
import { createCurriculumRequest } from '@/lib/curriculum/create-curriculum-request';
import { getCurriculumOrThrow } from '@/lib/curriculum/get-curriculum';
import { offlineProvider, type TCurriculumProvider } from '@/lib/curriculum/get-provider';
import { runGeneration } from '@/lib/curriculum/run-generation';
import { ZCurriculumRequest } from '@/lib/curriculum/schemas';
import { withUser } from '@/lib/db/with-user';
import { AppError } from '@/lib/http/app-error';
import { createUser } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';

const request = ZCurriculumRequest.parse({
  goal: 'Learn Go',
  level: 'beginner',
  hoursPerWeek: 3,
  weeks: 4,
  materials: ['reading', 'practice'],
});
let t: TTestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.drop());

/** The offline planner, counting the calls that reach it and reporting `tokens` per call. */
function countingProvider(tokens = 0) {
  const p = { calls: 0 } as { calls: number } & TCurriculumProvider;
  Object.assign(p, {
    name: 'offline',
    model: null,
    generate: async (...args: Parameters<TCurriculumProvider['generate']>) => {
      p.calls += 1;
      const out = await offlineProvider.generate(...args);
      return { ...out, tokens };
    },
  });
  return p;
}

async function readyCurriculum(dailyLimit = 100) {
  const user = await createUser(t.db);
  const { id } = await withUser(t.db, user, (tx) =>
    createCurriculumRequest(tx, { userId: user.id, request, provider: 'offline', dailyLimit }),
  );
  expect(await runGeneration(t.db, id, offlineProvider)).toBe('ready');
  return { user, c: await withUser(t.db, user, (tx) => getCurriculumOrThrow(tx, { id, userId: user.id })) };
}

/** Fails the test on anything but success or a clean AppError (a 500 in the app). */
function outcome(p: Promise<unknown>): Promise<'ok' | string> {
  return p.then(
    () => 'ok',
    (err: unknown) => {
      if (err instanceof AppError) return err.code;
      throw err;
    },
  );
}

describe('daily AI limits', () => {
  it('parallel creations never pass the daily limit', async () => {
    const user = await createUser(t.db);
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        outcome(
          withUser(t.db, user, (tx) => createCurriculumRequest(tx, { userId: user.id, request, provider: 'offline', dailyLimit: 10 })),
        ),
      ),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(10);
    expect(results.filter((r) => r !== 'ok').every((r) => r === 'rate_limited')).toBe(true);
    const { rows } = await t.db.query<{ n: number }>('select count(*)::int as n from public.curricula where user_id = $1', [user.id]);
    expect(rows[0].n).toBe(10);
  });

  it('regenerating counts against the daily limit, in parallel too, before the model is reached', async () => {
    const { user, c } = await readyCurriculum();
    const provider = countingProvider();
    const moduleId = c.plan!.modules[0].id;
    // The creation is one call of today's 5; four regenerations may follow, in any order.
    const results = await Promise.all(
      Array.from({ length: 15 }, () =>
        outcome(regenerateModule(t.db, user, { curriculumId: c.id, moduleId, provider, limits: { dailyLimit: 5 } })),
      ),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(4);
    expect(results.filter((r) => r !== 'ok').every((r) => r === 'rate_limited')).toBe(true);
    expect(provider.calls).toBe(4);
    // and it blocks a new curriculum as well
    await expect(
      withUser(t.db, user, (tx) => createCurriculumRequest(tx, { userId: user.id, request, provider: 'offline', dailyLimit: 5 })),
    ).rejects.toMatchObject({
      code: 'rate_limited',
    });
  });

  it('the tokens of a regeneration and an extension count against the token budget', async () => {
    const { user, c } = await readyCurriculum();
    const provider = countingProvider(3000);
    const limits = { dailyLimit: 100, dailyTokens: 5000 };
    await regenerateModule(t.db, user, { curriculumId: c.id, moduleId: c.plan!.modules[0].id, provider, limits });
    await extendCurriculum(t.db, user, { curriculumId: c.id, weeks: 1, provider, limits });
    const { rows } = await t.db.query<{ tokens: number }>(
      'select coalesce(sum(tokens), 0)::int as tokens from public.ai_calls where user_id = $1',
      [user.id],
    );
    expect(rows[0].tokens).toBe(6000);
    await expect(extendCurriculum(t.db, user, { curriculumId: c.id, weeks: 1, provider, limits })).rejects.toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/budget/),
    });
    expect(provider.calls).toBe(2);
  });
});

describe('retries', () => {
  it('a retry is a model call: it counts against the daily limit', async () => {
    const { assertRetryable } = await import('@/lib/curriculum/retry-generation');
    const user = await createUser(t.db);
    const { id } = await withUser(t.db, user, (tx) =>
      createCurriculumRequest(tx, { userId: user.id, request, provider: 'offline', dailyLimit: 10 }),
    );
    await t.db.query(`update public.curricula set status = 'failed' where id = $1`, [id]);
    const retry = () =>
      withUser(t.db, user, (tx) => assertRetryable(tx, { id, userId: user.id, dailyLimit: 10, limits: { dailyLimit: 3 } }));
    await retry();
    await retry();
    await expect(retry()).rejects.toMatchObject({ code: 'rate_limited' });
    const { rows } = await withUser(t.db, user, (tx) => tx.query<{ kind: string }>('select kind from public.ai_calls'));
    expect(rows.map((r) => r.kind)).toEqual(['retry', 'retry']);
  });
});

describe('parallel extensions', () => {
  it('all apply, none lost', async () => {
    const { user, c } = await readyCurriculum();
    const before = c.plan!.modules.length;
    const results = await Promise.all(
      Array.from({ length: 6 }, () => extendCurriculum(t.db, user, { curriculumId: c.id, weeks: 2, provider: offlineProvider })),
    );
    const after = await withUser(t.db, user, (tx) => getCurriculumOrThrow(tx, { id: c.id, userId: user.id }));
    expect(after.weeks).toBe(c.weeks + 12);
    // The offline planner is deterministic: the first extension to land added `each` modules, so did every other.
    const each = Math.min(...results.map((plan) => plan.modules.length)) - before;
    expect(each).toBeGreaterThan(0);
    expect(after.plan!.modules.length).toBe(before + 6 * each);
    expect(new Set(after.plan!.modules.map((m) => m.id)).size).toBe(after.plan!.modules.length);
  });

  it('past 52 weeks are refused cleanly, never a check-constraint error', async () => {
    const { user, c } = await readyCurriculum();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => outcome(extendCurriculum(t.db, user, { curriculumId: c.id, weeks: 10, provider: offlineProvider }))),
    );
    const applied = results.filter((r) => r === 'ok').length;
    expect(results.filter((r) => r !== 'ok').every((r) => r === 'invalid_input')).toBe(true);
    expect(applied).toBe(Math.floor((52 - c.weeks) / 10));
    const after = await withUser(t.db, user, (tx) => getCurriculumOrThrow(tx, { id: c.id, userId: user.id }));
    expect(after.weeks).toBe(c.weeks + 10 * applied);
  });
});
