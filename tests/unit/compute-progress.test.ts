import { describe, expect, it } from 'vitest';
import { curriculumWithIds } from '@/lib/curriculum/assign-ids';
import { planOffline } from '@/lib/curriculum/plan-offline';
import { ZCurriculumRequest } from '@/lib/curriculum/schemas';
import {
  activityHeatmap,
  computePace,
  cumulativeSeries,
  dayKey,
  lessonsOf,
  minutesPerWeek,
  percentComplete,
  pickActiveCurriculum,
  streakDays,
  whatToDoToday,
  type TActivityRow,
  type TProgressRow,
} from '@/lib/progress/compute-progress';
import { scoreQuiz, unansweredQuestions } from '@/lib/progress/score-quiz';

let n = 0;
const plan = curriculumWithIds(
  planOffline(
    ZCurriculumRequest.parse({ goal: 'Learn SQL', level: 'beginner', hoursPerWeek: 4, weeks: 4, materials: ['reading'] }),
    new Date('2026-11-01'),
  ),
  () => `id-${n++}`,
);
const info = { plan, startDate: '2026-11-01', weeks: 4, hoursPerWeek: 4 };
const lessons = lessonsOf(plan).map((x) => x.lesson);
const total = lessons.reduce((s, l) => s + l.estimatedMinutes, 0);
const done = (i: number, at: string): TProgressRow => ({ lessonId: lessons[i].id, status: 'done', minutesSpent: 10, completedAt: at });
const act = (at: string, kind: TActivityRow['kind'] = 'done', minutes = 0): TActivityRow => ({
  kind,
  minutes,
  occurredAt: `${at}T12:00:00Z`,
  lessonId: 'x',
});

describe('progress maths', () => {
  it('percent complete weighs lessons by their minutes; skipped counts as complete, in progress does not', () => {
    const rows: TProgressRow[] = [
      done(0, '2026-11-02T10:00:00Z'),
      { ...done(1, '2026-11-03T10:00:00Z'), status: 'skipped' },
      { ...done(2, ''), status: 'in_progress', completedAt: null },
    ];
    const expected = Math.round(((lessons[0].estimatedMinutes + lessons[1].estimatedMinutes) / total) * 1000) / 10;
    expect(percentComplete(plan, rows)).toBe(expected);
    expect(percentComplete(plan, [])).toBe(0);
  });

  it('projects the finish from lessons done per day, not from minutes', () => {
    // Eight lessons of very different lengths: the projection counts lessons, not their minutes.
    const base = plan.modules[0].lessons[0];
    const eight = {
      ...plan,
      modules: [
        {
          ...plan.modules[0],
          lessons: Array.from({ length: 8 }, (_, i) => ({ ...base, id: `L${i}`, estimatedMinutes: i === 0 ? 600 : 10 })),
        },
      ],
    };
    const info8 = { ...info, plan: eight };
    const doneL = (i: number): TProgressRow => ({
      lessonId: `L${i}`,
      status: 'done',
      minutesSpent: 0,
      completedAt: '2026-11-05T10:00:00Z',
    });
    // Half the lessons done by day 14 of 28: on track, finishing on the planned day.
    const onTrack = computePace(info8, [4, 5, 6, 7].map(doneL), '2026-11-14');
    expect(onTrack).toMatchObject({
      plannedFinish: '2026-11-29',
      projectedFinish: '2026-11-29',
      lessonsDone: 4,
      lessonsTotal: 8,
      daysBehind: 0,
      onTrack: true,
    });
    // Two of eight by day 14: 56 days at this pace, 28 days late — whichever two (the 600-minute one or not).
    const slow = computePace(info8, [6, 7].map(doneL), '2026-11-14');
    expect(slow).toMatchObject({ projectedFinish: '2026-12-27', daysBehind: 28, onTrack: false });
    expect(computePace(info8, [0, 7].map(doneL), '2026-11-14').projectedFinish).toBe('2026-12-27');
    // Minutes logged move nothing: the same lessons with hours logged project the same finish.
    expect(
      computePace(
        info8,
        [6, 7].map((i) => ({ ...doneL(i), minutesSpent: 600 })),
        '2026-11-14',
      ).projectedFinish,
    ).toBe('2026-12-27');
    // Nothing done: no projection; on track on day one, then behind by the days gone by.
    expect(computePace(info8, [], '2026-11-01')).toMatchObject({ projectedFinish: null, onTrack: true, daysBehind: 0 });
    expect(computePace(info8, [], '2026-11-04')).toMatchObject({ projectedFinish: null, onTrack: false, daysBehind: 3 });
  });

  it('draws planned vs actual cumulative percent, actual only up to today', () => {
    const series = cumulativeSeries(info, [done(0, '2026-11-03T10:00:00Z')], '2026-11-05');
    expect(series).toHaveLength(29);
    expect(series[0]).toEqual({ date: '2026-11-01', planned: 0, actual: 0 });
    expect(series[2].actual).toBeGreaterThan(0);
    expect(series.at(-1)).toMatchObject({ planned: 100, actual: null });
  });

  it('counts minutes per ISO week and per day', () => {
    const a = [act('2026-11-16', 'minutes', 30), act('2026-11-22', 'minutes', 15), act('2026-11-23', 'minutes', 20)];
    const weeks = minutesPerWeek(a, '2026-11-25', 3);
    expect(weeks).toEqual([
      { week: '2026-11-09', minutes: 0 },
      { week: '2026-11-16', minutes: 45 },
      { week: '2026-11-23', minutes: 20 },
    ]);
    const map = activityHeatmap(a, '2026-11-25', 14);
    expect(map).toHaveLength(14);
    expect(map.find((d) => d.date === '2026-11-16')).toEqual({ date: '2026-11-16', minutes: 30, count: 1 });
  });

  it('a streak counts consecutive days of learning, not visits, and survives until the day is over', () => {
    const a = [act('2026-11-21'), act('2026-11-22', 'minutes', 10), act('2026-11-23'), act('2026-11-24', 'minutes', 5)];
    expect(streakDays(a, '2026-11-24')).toBe(4);
    expect(streakDays(a, '2026-11-25')).toBe(4); // nothing yet today: the streak is still alive
    expect(streakDays(a, '2026-11-26')).toBe(0);
    expect(streakDays([act('2026-11-24', 'minutes', 0)], '2026-11-24')).toBe(0); // zero minutes is not learning
  });

  it('today suggests the first lesson not done or skipped', () => {
    const t = whatToDoToday(info, [done(0, '2026-11-02T10:00:00Z')], '2026-11-03');
    expect(t.next?.lesson.id).toBe(lessons[1].id);
    expect(t.minutesToday).toBe(34);
  });

  it('scores complete quizzes and names the unanswered questions', () => {
    const qs = [
      { choices: ['a', 'b'], answerIndex: 0, explanation: 'a' },
      { choices: ['a', 'b', 'c'], answerIndex: 2, explanation: 'b' },
      { choices: ['a', 'b'], answerIndex: 1, explanation: 'c' },
    ];
    expect(scoreQuiz(qs, [0, 2, 0])).toMatchObject({ score: 2, total: 3 });
    expect(unansweredQuestions(qs, [0, 2, 1])).toEqual([]);
    expect(unansweredQuestions(qs, [-1, -1, -1])).toEqual([0, 1, 2]);
    expect(unansweredQuestions(qs, [0, 3])).toEqual([1, 2]); // out of range, missing
  });
});

// Learner days: an instant belongs to the learner's calendar day in their zone.
const at = (iso: string, kind: TActivityRow['kind'] = 'minutes', minutes = 10): TActivityRow => ({
  kind,
  minutes,
  occurredAt: iso,
  lessonId: 'x',
});

describe("learner days in the learner's time zone", () => {
  it('Pacific/Auckland: 23:30 and 00:30 local are two days (one UTC day)', () => {
    const a = [at('2026-11-20T10:30:00Z'), at('2026-11-20T11:30:00Z')]; // NZDT (UTC+13): 20th 23:30, 21st 00:30
    expect(dayKey('2026-11-20T11:30:00Z', 'Pacific/Auckland')).toBe('2026-11-21');
    expect(streakDays(a, '2026-11-21', 'Pacific/Auckland')).toBe(2);
    expect(streakDays(a, '2026-11-20', 'UTC')).toBe(1);
  });

  it('America/Los_Angeles: the streak and "today" follow the local midnight', () => {
    const a = [at('2026-11-21T07:30:00Z'), at('2026-11-21T08:30:00Z')]; // PST (UTC-8): 20th 23:30, 21st 00:30
    const now = new Date('2026-11-22T05:00:00Z'); // still the 21st in Los Angeles, the 22nd in UTC
    expect(dayKey(now, 'America/Los_Angeles')).toBe('2026-11-21');
    expect(streakDays(a, dayKey(now, 'America/Los_Angeles'), 'America/Los_Angeles')).toBe(2);
    expect(streakDays(a, dayKey(now), 'UTC')).toBe(1);
    const map = activityHeatmap(a, '2026-11-21', 7, 'America/Los_Angeles');
    expect(map.filter((d) => d.count > 0).map((d) => d.date)).toEqual(['2026-11-20', '2026-11-21']);
  });

  it('across a DST change (Europe/London, 25 Oct 2026) a local day is still one day', () => {
    // 24th 23:30Z = 25th 00:30 BST; 25th 23:30Z = 25th 23:30 GMT (clocks went back); 26th 23:30Z = 26th 23:30 GMT.
    const a = [at('2026-10-24T23:30:00Z'), at('2026-10-25T23:30:00Z'), at('2026-10-26T23:30:00Z')];
    expect(a.map((x) => dayKey(x.occurredAt, 'Europe/London'))).toEqual(['2026-10-25', '2026-10-25', '2026-10-26']);
    expect(streakDays(a, '2026-10-26', 'Europe/London')).toBe(2);
    expect(streakDays(a, '2026-10-26', 'UTC')).toBe(3);
    // Spring forward in Los Angeles (8 Mar 2026): a 23-hour day keeps its late-evening session on the 8th.
    expect(dayKey('2026-03-09T06:30:00Z', 'America/Los_Angeles')).toBe('2026-03-08'); // 23:30 PDT
    expect(dayKey('2026-03-08T07:30:00Z', 'America/Los_Angeles')).toBe('2026-03-07'); // 23:30 PST
    const week = minutesPerWeek([at('2026-03-09T06:30:00Z', 'minutes', 40)], '2026-03-09', 2, 'America/Los_Angeles');
    expect(week).toEqual([
      { week: '2026-03-02', minutes: 40 }, // Sunday the 8th belongs to the week of Monday the 2nd
      { week: '2026-03-09', minutes: 0 },
    ]);
  });
});

describe('the curriculum shown by default', () => {
  const newest = { id: 'new' };
  const older = { id: 'old' };
  it('is the most recently active one, else the newest', () => {
    const activity = [
      { curriculumId: 'new', occurredAt: '2026-11-01T10:00:00.000Z' },
      { curriculumId: 'old', occurredAt: '2026-11-20T10:00:00.000Z' },
      { curriculumId: 'new', occurredAt: '2026-11-10T10:00:00.000Z' },
    ];
    expect(pickActiveCurriculum([newest, older], activity)).toBe(older);
    expect(pickActiveCurriculum([newest, older], [...activity, { curriculumId: 'new', occurredAt: '2026-11-21T08:00:00.000Z' }])).toBe(
      newest,
    );
    expect(pickActiveCurriculum([newest, older], [])).toBe(newest);
    expect(pickActiveCurriculum([], [])).toBeUndefined();
  });
});
