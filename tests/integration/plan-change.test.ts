import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extendCurriculum, regenerateModule } from '@/lib/curriculum/change-curriculum';
import { createCurriculumRequest } from '@/lib/curriculum/create-curriculum-request';
import { getCurriculumOrThrow } from '@/lib/curriculum/get-curriculum';
import { offlineProvider } from '@/lib/curriculum/get-provider';
import { lintPlan } from '@/lib/curriculum/lint-plan';
import { runGeneration } from '@/lib/curriculum/run-generation';
import { ZCurriculumRequest, type TCurriculumRequestInput } from '@/lib/curriculum/schemas';
import { withUser } from '@/lib/db/with-user';
import { createUser } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';

// Issue #14's Regenerate and Extend examples, through the real operations on a real database with the
// offline planner: no "part o", no "Foundations of Enough statistics", no "Extension: Core Go further
// after…", weeks that continue, and a title that does not keep "in 10 weeks".

let t: TTestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.drop());

async function ready(input: TCurriculumRequestInput) {
  const user = await createUser(t.db);
  const request = ZCurriculumRequest.parse(input);
  const { id } = await withUser(t.db, user, (tx) =>
    createCurriculumRequest(tx, { userId: user.id, request, provider: 'offline', dailyLimit: 100 }),
  );
  expect(await runGeneration(t.db, id, offlineProvider)).toBe('ready');
  const read = () => withUser(t.db, user, (tx) => getCurriculumOrThrow(tx, { id, userId: user.id }));
  return { user, id, read, c: await read() };
}

describe('Regenerate and Extend with the offline planner', () => {
  it('a regenerated module keeps its topics and weeks and reads clean', async () => {
    const { user, id, read, c } = await ready({
      goal: 'Learn enough statistics',
      level: 'beginner',
      hoursPerWeek: 4,
      weeks: 10,
      materials: ['reading', 'practice'],
    });
    const i = 1;
    const old = c.plan!.modules[i];
    await regenerateModule(t.db, user, { curriculumId: id, moduleId: old.id, provider: offlineProvider });
    const after = await read();
    const m = after.plan!.modules[i];
    expect(m.topics).toEqual(old.topics);
    expect(m.lessons.map((l) => l.objectives)).not.toEqual(old.lessons.map((l) => l.objectives));
    expect(new Set(m.lessons.map((l) => l.week))).toEqual(new Set(old.lessons.map((l) => l.week)));
    expect(JSON.stringify(m)).not.toMatch(/part o\b|Foundations of|Enough statistics/);
    expect(lintPlan(after.plan!, { budgetMinutes: after.budgetMinutes, goal: after.request.goal })).toEqual([]);
  });

  it('Extend continues with the next topics in the following weeks and the title stops counting weeks', async () => {
    const { user, id, read, c } = await ready({
      goal: 'Learn enough Go',
      level: 'beginner',
      hoursPerWeek: 3,
      weeks: 3,
      materials: ['reading', 'practice'],
    });
    await t.db.query(`update public.curricula set plan = jsonb_set(plan, '{title}', '"Go in 3 weeks"') where id = $1`, [id]);
    await extendCurriculum(t.db, user, { curriculumId: id, weeks: 3, provider: offlineProvider });
    const after = await read();
    const plan = after.plan!;
    expect(plan.title).toBe('Go');
    const added = plan.modules.slice(c.plan!.modules.length);
    expect(added.length).toBeGreaterThan(0);
    const before = new Set(c.plan!.modules.flatMap((m) => m.topics));
    expect(added.flatMap((m) => m.topics).some((x) => before.has(x))).toBe(false);
    expect(Math.min(...added.flatMap((m) => m.lessons.map((l) => l.week!)))).toBe(4);
    expect(Math.max(...added.flatMap((m) => m.lessons.map((l) => l.week!)))).toBe(6);
    expect(JSON.stringify(added)).not.toMatch(/Extension: |Core |Go further after|Learn enoug\b/);
    expect(after.weeks).toBe(6);
    expect(lintPlan(plan, { budgetMinutes: after.budgetMinutes, goal: after.request.goal })).toEqual([]);
  });
});
