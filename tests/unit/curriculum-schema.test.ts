import { describe, expect, it } from 'vitest';
import { planOffline } from '@/lib/curriculum/plan-offline';
import { budgetMinutes, checkBudget, planWeeks, ZCurriculum, ZCurriculumRequest, ZLessonUpdate } from '@/lib/curriculum/schemas';

const base = {
  goal: 'Get job-ready in SQL',
  level: 'beginner',
  hoursPerWeek: 5,
  timeframe: 'weeks',
  weeks: 6,
  materials: ['reading', 'practice'],
};

describe('ZCurriculumRequest', () => {
  it('accepts a complete request and fills defaults', () => {
    const r = ZCurriculumRequest.parse(base);
    expect(r.language).toBe('English');
    expect(r.background).toBe('');
  });

  it('names the fields that are wrong', () => {
    const r = ZCurriculumRequest.safeParse({ ...base, goal: ' ', hoursPerWeek: 0, materials: [] });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['goal', 'hoursPerWeek', 'materials']));
  });

  it('requires weeks or a target date depending on the timeframe', () => {
    expect(ZCurriculumRequest.safeParse({ ...base, weeks: undefined }).error?.issues[0].path).toEqual(['weeks']);
    expect(ZCurriculumRequest.safeParse({ ...base, timeframe: 'date', targetDate: '' }).error?.issues[0].path).toEqual(['targetDate']);
  });

  it('refuses a target date that is not on the calendar (it reached the database as NaN weeks)', () => {
    for (const targetDate of ['2026-02-30', '2026-13-01', '0000-00-00']) {
      const r = ZCurriculumRequest.safeParse({ ...base, timeframe: 'date', weeks: undefined, targetDate });
      expect(
        r.error?.issues.map((i) => i.path.join('.')),
        targetDate,
      ).toEqual(['targetDate']);
    }
    expect(ZCurriculumRequest.safeParse({ ...base, timeframe: 'date', weeks: undefined, targetDate: '2028-02-29' }).success).toBe(true);
  });

  it('turns a target date into whole weeks from today', () => {
    const r = ZCurriculumRequest.parse({ ...base, timeframe: 'date', weeks: undefined, targetDate: '2026-12-23' });
    expect(planWeeks(r, new Date('2026-11-25T10:00:00Z'))).toBe(4);
    expect(budgetMinutes(r, new Date('2026-11-25T10:00:00Z'))).toBe(5 * 4 * 60);
  });
});

describe('ZCurriculum', () => {
  const plan = planOffline(ZCurriculumRequest.parse(base), new Date('2026-11-25'));

  it('accepts what the planner makes', () => {
    expect(ZCurriculum.safeParse(plan).success).toBe(true);
  });

  it('rejects a quiz with too few questions or an answer outside the choices', () => {
    const quizModule = plan.modules.find((m) => m.checkpoint.type === 'quiz')!;
    if (quizModule.checkpoint.type !== 'quiz') throw new Error('expected a quiz');
    const twoQuestions = {
      ...plan,
      modules: [{ ...quizModule, checkpoint: { type: 'quiz', questions: quizModule.checkpoint.questions.slice(0, 2) } }],
    };
    expect(ZCurriculum.safeParse(twoQuestions).success).toBe(false);
    const badAnswer = {
      ...plan,
      modules: [
        { ...quizModule, checkpoint: { type: 'quiz', questions: quizModule.checkpoint.questions.map((q) => ({ ...q, answerIndex: 9 })) } },
      ],
    };
    expect(ZCurriculum.safeParse(badAnswer).success).toBe(false);
  });

  it('rejects lessons of an unknown kind and resources without a URL', () => {
    const m = plan.modules[0];
    const bad = {
      ...plan,
      modules: [{ ...m, lessons: [{ ...m.lessons[0], kind: 'dance', resources: [{ title: 'x', url: 'not a url', type: 'article' }] }] }],
    };
    const r = ZCurriculum.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.slice(-1)[0])).toEqual(expect.arrayContaining(['kind', 'url']));
  });

  it('checkBudget flags a plan more than 10% off the budget', () => {
    expect(checkBudget(plan, 1800)).toEqual([]);
    expect(checkBudget(plan, 1800 * 1.2)[0]).toMatch(/must add up to 2160 minutes/);
  });
});

describe('ZLessonUpdate', () => {
  it('refuses an empty update and unknown statuses', () => {
    expect(ZLessonUpdate.safeParse({}).success).toBe(false);
    expect(ZLessonUpdate.safeParse({ status: 'finished' }).success).toBe(false);
    expect(ZLessonUpdate.safeParse({ status: 'done' }).success).toBe(true);
  });
});
