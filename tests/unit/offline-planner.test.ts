import { describe, expect, it } from 'vitest';
import { goalSubject, planOffline, split } from '@/lib/curriculum/plan-offline';
import { checkBudget, curriculumMinutes, ZCurriculum, ZCurriculumRequest, type TCurriculumRequestInput } from '@/lib/curriculum/schemas';

const today = new Date('2026-11-25T09:00:00Z');
const req = (o: Partial<TCurriculumRequestInput> = {}) =>
  ZCurriculumRequest.parse({
    goal: 'Pass the B2 German exam',
    level: 'intermediate',
    hoursPerWeek: 6,
    weeks: 8,
    materials: ['reading', 'video', 'practice', 'projects'],
    ...o,
  });

describe('planOffline', () => {
  const cases: Partial<TCurriculumRequestInput>[] = [
    { hoursPerWeek: 1, weeks: 1 },
    { hoursPerWeek: 2.5, weeks: 3 },
    { hoursPerWeek: 6, weeks: 8 },
    { hoursPerWeek: 20, weeks: 12 },
    { hoursPerWeek: 60, weeks: 52 },
    { hoursPerWeek: 7, timeframe: 'date', weeks: undefined, targetDate: '2027-02-17' },
  ];

  it.each(cases)('fits the time budget within ±10%: %o', (o) => {
    const r = req(o);
    const plan = planOffline(r, today);
    const weeks = o.weeks ?? 12;
    const budget = r.hoursPerWeek * Number(weeks) * 60;
    expect(ZCurriculum.safeParse(plan).success).toBe(true);
    expect(Math.abs(curriculumMinutes(plan) - budget)).toBeLessThanOrEqual(budget * 0.1);
    expect(checkBudget(plan, budget)).toEqual([]);
  });

  it('goes from foundations through practice to a capstone project', () => {
    const plan = planOffline(req(), today);
    expect(plan.modules.length).toBeGreaterThanOrEqual(3);
    expect(plan.modules[0].title).toMatch(/^Foundations/);
    expect(plan.modules.some((m) => /practice/i.test(m.title))).toBe(true);
    const last = plan.modules.at(-1)!;
    expect(last.title).toMatch(/^Capstone/);
    expect(last.checkpoint.type).toBe('project');
    for (const m of plan.modules.slice(0, -1)) {
      expect(m.checkpoint.type).toBe('quiz');
      if (m.checkpoint.type === 'quiz') expect(m.checkpoint.questions.length).toBeGreaterThanOrEqual(3);
    }
  });

  it("words objectives and checkpoints from the learner's goal", () => {
    const plan = planOffline(req({ goal: 'Get job-ready in SQL' }), today);
    expect(goalSubject('Get job-ready in SQL')).toBe('SQL');
    expect(plan.title).toMatch(/SQL/);
    expect(plan.modules.flatMap((m) => m.lessons.flatMap((l) => l.objectives)).every((o) => o.includes('SQL') || o.includes('sql'))).toBe(
      true,
    );
    const q = plan.modules[0].checkpoint;
    expect(q.type === 'quiz' && q.questions[0].question).toMatch(/SQL/);
  });

  it('uses only the kinds of material the learner picked', () => {
    const plan = planOffline(req({ materials: ['video'] }), today);
    expect(new Set(plan.modules.flatMap((m) => m.lessons.map((l) => l.kind)))).toEqual(new Set(['watch']));
  });

  it('is deterministic: the same request and day give the same plan', () => {
    expect(planOffline(req(), today)).toEqual(planOffline(req(), new Date(today)));
    expect(planOffline(req(), today)).not.toEqual(planOffline(req({ goal: 'Learn Rust' }), today));
  });

  it('module hours match their lessons', () => {
    for (const m of planOffline(req({ hoursPerWeek: 9, weeks: 5 }), today).modules) {
      expect(m.estimatedHours * 60).toBeCloseTo(
        m.lessons.reduce((s, l) => s + l.estimatedMinutes, 0),
        0,
      );
    }
  });
});

describe('split', () => {
  it('splits into integers that sum exactly', () => {
    expect(split(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(split(7, [1, 2]).reduce((a, b) => a + b)).toBe(7);
  });
});

describe('goalSubject', () => {
  it.each([
    ['Get job-ready in SQL', 'SQL'],
    ['Learn Rust for systems programming', 'Rust'],
    ['Pass the B2 German exam', 'B2 German exam'],
    ['master statistics', 'statistics'],
  ])('%s → %s', (goal, subject) => expect(goalSubject(goal)).toBe(subject));
});

describe('mergeRegeneratedModule', () => {
  it('keeps lessons with progress (ids and order) and fills the rest of the module time with fresh lessons', async () => {
    const { mergeRegeneratedModule } = await import('@/lib/curriculum/merge-module');
    const { withIds } = await import('@/lib/curriculum/assign-ids');
    let n = 0;
    const id = () => `id-${n++}`;
    const plan = planOffline(req({ hoursPerWeek: 10, weeks: 4 }), today);
    const old = withIds(plan.modules[1], id);
    const fresh = planOffline(req({ goal: 'Learn Go', hoursPerWeek: 3, weeks: 1 }), today).modules[0];
    const keep = new Set([old.lessons[1].id]);
    const merged = mergeRegeneratedModule(old, fresh, keep, id);
    expect(merged.id).toBe(old.id);
    expect(merged.lessons[0]).toEqual(old.lessons[1]);
    expect(merged.lessons.slice(1).every((l) => !old.lessons.some((o) => o.id === l.id))).toBe(true);
    const minutes = (m: { lessons: { estimatedMinutes: number }[] }) => m.lessons.reduce((s, l) => s + l.estimatedMinutes, 0);
    expect(Math.abs(minutes(merged) - minutes(old))).toBeLessThanOrEqual(minutes(old) * 0.1);
    expect(merged.estimatedHours * 60).toBeCloseTo(minutes(merged), 0);
  });
});
