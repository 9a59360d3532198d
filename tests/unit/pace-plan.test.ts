import { describe, expect, it } from 'vitest';
import { lessonCount, moduleRange } from '@/lib/curriculum/generate-with-openai';
import { apportion, moduleMinutes, moduleTargets, paceModule, pacePlan, weekAt, withWeeks } from '@/lib/curriculum/pace-plan';
import { lintPlan } from '@/lib/curriculum/lint-plan';
import { checkBudget, ZModule, type TCurriculum, type TModule } from '@/lib/curriculum/schemas';

const lesson = (minutes: number, i = 0): TModule['lessons'][number] => ({
  title: `Lesson ${i + 1}`,
  kind: 'read',
  objectives: [`Objective ${i + 1}`],
  estimatedMinutes: minutes,
  resources: [],
});
const mod = (minutes: number[]): TModule => ({
  title: 'Module',
  summary: 'A module',
  topics: ['topic'],
  estimatedHours: 99, // the model's arithmetic, never trusted
  checkpoint: { type: 'project', brief: 'Build it', acceptanceCriteria: ['It works'] },
  lessons: minutes.map(lesson),
});

describe('apportion', () => {
  it('splits a total exactly, in proportion, by largest remainder', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(100, [3, 1])).toEqual([75, 25]);
    expect(apportion(7, [0, 0])).toEqual([4, 3]); // no weights: equal shares
    expect(apportion(5, [2, -1, Number.NaN])).toEqual([5, 0, 0]); // nonsense weights count as 0
  });
});

describe('moduleTargets', () => {
  it('shares the budget by the outline weights in multiples of 5 minutes, each module at least 5', () => {
    const t = moduleTargets(1440, [1, 2, 3]);
    expect(t.reduce((a, b) => a + b, 0)).toBe(1440);
    expect(t.every((x) => x % 5 === 0 && x >= 5)).toBe(true);
    expect(t[2]).toBeGreaterThan(t[1]);
    expect(t[1]).toBeGreaterThan(t[0]);
    expect(moduleTargets(60, [1, 0, 0, 0])).toEqual([45, 5, 5, 5]);
  });
});

describe('paceModule', () => {
  it('scales an overrun module to its target: proportions kept, 5-minute steps, hours from the lessons', () => {
    const paced = paceModule(mod([300, 600, 900]), 360); // the model wrote 30 hours for a 6-hour module
    expect(paced.lessons.map((l) => l.estimatedMinutes)).toEqual([60, 120, 180]);
    expect(paced.estimatedHours).toBe(6);
    expect(ZModule.safeParse(paced).success).toBe(true);
  });

  it('rounds to 5 minutes and still adds up to the target', () => {
    const paced = paceModule(mod([7, 11, 13, 17]), 245);
    expect(moduleMinutes(paced)).toBe(245);
    expect(paced.lessons.every((l) => l.estimatedMinutes % 5 === 0 && l.estimatedMinutes >= 5)).toBe(true);
  });

  it('caps a lesson at 1200 minutes and gives the rest to the others', () => {
    const paced = paceModule(mod([1000, 10, 10]), 2400);
    expect(paced.lessons.map((l) => l.estimatedMinutes)).toEqual([1200, 600, 600]);
  });

  it('keeps the first lessons when the target cannot hold them all, folding the dropped objectives into the last one kept', () => {
    const paced = paceModule(mod([30, 30, 30, 30]), 10);
    expect(paced.lessons.map((l) => l.estimatedMinutes)).toEqual([5, 5]);
    expect(paced.lessons[1].objectives).toEqual(['Objective 2', 'Objective 3', 'Objective 4']);
  });
});

describe('weeks', () => {
  it('places each lesson in the week its start falls in, never past the last week', () => {
    const f = { weeks: 4, budgetMinutes: 480 };
    expect([0, 119, 120, 479, 10_000].map((m) => weekAt(m, f))).toEqual([1, 1, 2, 4, 4]);
    expect(weekAt(0, { ...f, firstWeek: 7 })).toBe(7);
    const m = withWeeks(mod([60, 60, 60]), 60, f);
    expect(m.lessons.map((l) => l.week)).toEqual([1, 2, 2]);
  });
});

describe('pacePlan', () => {
  const plan = (modules: TModule[]): TCurriculum => ({ title: 'Plan', summary: 'A plan', prerequisites: [], outcomes: ['Done'], modules });

  it('fits a plan that overruns the budget threefold to within ±10%, with hours matching lessons and a week on every lesson', () => {
    const overrun = plan([mod([300, 300]), mod([600, 300, 300]), mod([900])]);
    expect(checkBudget(overrun, 1200).length).toBeGreaterThan(0);
    const paced = pacePlan(overrun, { weeks: 5, budgetMinutes: 1200 });
    expect(checkBudget(paced, 1200)).toEqual([]);
    expect(lintPlan(paced, { budgetMinutes: 1200 })).toEqual([]);
    expect(paced.modules.map(moduleMinutes)).toEqual([270, 530, 400]); // 600 : 1200 : 900, in 5-minute steps
    expect(paced.modules[0].lessons[0].week).toBe(1);
    expect(paced.modules[2].lessons[0].week).toBe(4); // starts 800 minutes in, 240 a week
    expect(paced.modules[2].lessons.at(-1)!.week).toBe(4);
  });

  it('fits a plan far under the budget too; one whose lessons cannot hold the budget falls short instead of breaking the 1200-minute bound', () => {
    const paced = pacePlan(plan([mod([5, 5, 5]), mod([10, 5])]), { weeks: 10, budgetMinutes: 3000 });
    expect(checkBudget(paced, 3000)).toEqual([]);
    const tooFew = pacePlan(plan([mod([5]), mod([5])]), { weeks: 52, budgetMinutes: 52 * 60 * 60 });
    expect(tooFew.modules.flatMap((m) => m.lessons.map((l) => l.estimatedMinutes))).toEqual([1200, 1200]);
    expect(checkBudget(tooFew, 52 * 60 * 60).length).toBeGreaterThan(0); // the generator asks the model for more lessons
  });
});

describe('what the model is asked for', () => {
  it('asks for enough modules and lessons that lessons stay within 1200 minutes', () => {
    for (const [weeks, hours] of [
      [1, 1],
      [6, 4],
      [52, 60],
    ]) {
      const budget = weeks * hours * 60;
      const [low, high] = moduleRange(weeks, budget);
      expect(low).toBeGreaterThanOrEqual(1);
      expect(high).toBeLessThanOrEqual(20);
      expect(low).toBeLessThanOrEqual(high);
      const perModule = budget / low;
      expect(perModule / lessonCount(perModule, hours)).toBeLessThanOrEqual(1200);
    }
  });
});
