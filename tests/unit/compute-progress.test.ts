import { describe, expect, it } from 'vitest';
import { curriculumWithIds } from '@/lib/curriculum/assign-ids';
import { planOffline } from '@/lib/curriculum/plan-offline';
import { ZCurriculumRequest } from '@/lib/curriculum/schemas';
import {
  activityHeatmap,
  computePace,
  cumulativeSeries,
  lessonsOf,
  minutesPerWeek,
  percentComplete,
  streakDays,
  whatToDoToday,
  type TActivityRow,
  type TProgressRow,
} from '@/lib/progress/compute-progress';
import { scoreQuiz } from '@/lib/progress/score-quiz';

let n = 0;
const plan = curriculumWithIds(
  planOffline(ZCurriculumRequest.parse({ goal: 'Learn SQL', level: 'beginner', hoursPerWeek: 4, weeks: 4, materials: ['reading'] }), new Date('2026-11-01')),
  () => `id-${n++}`,
);
const info = { plan, startDate: '2026-11-01', weeks: 4, hoursPerWeek: 4 };
const lessons = lessonsOf(plan).map((x) => x.lesson);
const total = lessons.reduce((s, l) => s + l.estimatedMinutes, 0);
const done = (i: number, at: string): TProgressRow => ({ lessonId: lessons[i].id, status: 'done', minutesSpent: 10, completedAt: at });
const act = (at: string, kind: TActivityRow['kind'] = 'done', minutes = 0): TActivityRow => ({ kind, minutes, occurredAt: `${at}T12:00:00Z`, lessonId: 'x' });

describe('progress maths', () => {
  it('percent complete weighs lessons by their minutes; skipped counts as complete, in progress does not', () => {
    const rows: TProgressRow[] = [done(0, '2026-11-02T10:00:00Z'), { ...done(1, '2026-11-03T10:00:00Z'), status: 'skipped' }, { ...done(2, ''), status: 'in_progress', completedAt: null }];
    const expected = Math.round(((lessons[0].estimatedMinutes + lessons[1].estimatedMinutes) / total) * 1000) / 10;
    expect(percentComplete(plan, rows)).toBe(expected);
    expect(percentComplete(plan, [])).toBe(0);
  });

  it('projects the finish from the pace so far and says how many days behind', () => {
    // Half the plan's minutes done by day 14 of 28: on track, finishing on the planned day.
    const half: TProgressRow[] = [];
    let acc = 0;
    for (let i = 0; acc < total / 2; i++) {
      half.push(done(i, '2026-11-05T10:00:00Z'));
      acc += lessons[i].estimatedMinutes;
    }
    const onTrack = computePace(info, half, '2026-11-14');
    expect(onTrack.plannedFinish).toBe('2026-11-29');
    expect(onTrack.onTrack).toBe(true);
    const slow = computePace(info, [done(0, '2026-11-05T10:00:00Z')], '2026-11-14');
    expect(slow.onTrack).toBe(false);
    expect(slow.daysBehind).toBeGreaterThan(0);
    expect(slow.projectedFinish! > slow.plannedFinish).toBe(true);
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

  it('scores quizzes; unanswered is wrong', () => {
    const qs = [{ answerIndex: 0, explanation: 'a' }, { answerIndex: 2, explanation: 'b' }, { answerIndex: 1, explanation: 'c' }];
    expect(scoreQuiz(qs, [0, 2, -1])).toMatchObject({ score: 2, total: 3 });
  });
});
