import type { TGoalShape } from '../atlas/schema';
import type { TPlanTopic } from './choose-topics';
import type { TStage } from './messages';
import { split } from './random';

// The plan's calendar: sessions a week, which topics each week works on, and what each session does.

export type TSlot =
  | { type: 'content'; week: number; topics: TPlanTopic[]; stage: TStage; step: number; steps: number; n: number }
  | { type: 'review'; week: number; topics: TPlanTopic[] }
  | { type: 'diagnostic' | 'mock' | 'final'; week: number; n: number }
  | { type: 'taper'; week: number; topics: TPlanTopic[]; n: number };

export type TWeek = { week: number; key: string; slots: TSlot[]; minutes: number; load: 'build' | 'recovery' | 'taper' | null };

const TARGET_MINUTES: Record<TGoalShape, number> = {
  language: 30,
  instrument: 30,
  training: 50,
  exam: 75,
  programming: 75,
  project: 90,
  'soft-skill': 60,
};
const MAX_SESSIONS: Record<TGoalShape, number> = {
  language: 7,
  instrument: 7,
  training: 5,
  exam: 6,
  programming: 6,
  project: 5,
  'soft-skill': 5,
};
const DAILY: TGoalShape[] = ['language', 'instrument', 'training'];

/**
 * Sessions a week: the shape's usual session length sets how many fit in the hours (daily-practice shapes
 * get at least three short ones), capped so a long plan still fits 20 modules of at most 12 lessons.
 */
export function sessionsPerWeek(
  shape: TGoalShape,
  weekMinutes: number,
  weeks: number,
  maxLessonsPerWeek?: number,
  maxModules = 20,
): number {
  const min = DAILY.includes(shape) ? Math.max(1, Math.min(3, Math.floor(weekMinutes / 20))) : 1;
  const wanted = Math.min(MAX_SESSIONS[shape], Math.max(min, Math.round(weekMinutes / TARGET_MINUTES[shape])));
  const cap = Math.max(1, Math.floor(12 / Math.ceil(weeks / Math.max(1, maxModules))) - 1);
  // A lesson is at most 20 hours (ZLesson), whatever the hours a week.
  const floor = Math.ceil(weekMinutes / 1200);
  return Math.max(floor, Math.min(wanted, cap, maxLessonsPerWeek ?? 12));
}

/** Stage of a topic's step-th session out of steps, by shape (concept → practice → project, plan → do → review, …). */
export function stageFor(shape: TGoalShape, step: number, steps: number, variant: number): TStage {
  const f = steps <= 1 ? 0.5 : step / (steps - 1);
  switch (shape) {
    case 'exam':
      return steps === 1 || f >= 0.5 ? 'questions' : 'study';
    case 'language':
      return (['listening', 'reading', 'speaking', 'writing'] as const)[(step + variant) % 4];
    case 'training':
      return 'session';
    case 'instrument':
      return (step + variant) % 3 === 2 || (f > 0.6 && step % 2 === 1) ? 'repertoire' : 'technique';
    case 'project':
      return steps === 1 ? 'do' : f < 0.25 ? 'plan' : f >= 0.8 && steps >= 3 ? 'check' : 'do';
    case 'soft-skill':
      return steps === 1 ? 'rehearse' : f < 0.3 ? 'learn' : f >= 0.75 && steps >= 3 ? 'use' : 'rehearse';
    default:
      return steps === 1 ? 'practice' : f < 0.3 ? 'learn' : f >= 0.75 && steps >= 3 ? 'apply' : 'practice';
  }
}

export type TScheduleOptions = {
  shape: TGoalShape;
  topics: TPlanTopic[];
  weeks: number;
  budget: number;
  hoursPerWeek: number;
  /** Week numbers start after this (Extend continues a plan). */
  weekOffset: number;
  /** First plan (a diagnostic for exams) vs a continuation. */
  first: boolean;
  /** End with the final assessment. */
  final: boolean;
  /** Spaced review of each topic 1, 3 and 7 weeks after it ends. */
  reviews: boolean;
  variant: number;
  maxLessonsPerWeek?: number;
  maxModules?: number;
};

export function buildSchedule(o: TScheduleOptions): { weeks: TWeek[]; sessions: number } {
  const W = o.weeks;
  const weekMinutes = o.hoursPerWeek * 60;
  const L = sessionsPerWeek(o.shape, weekMinutes, W, o.maxLessonsPerWeek, o.maxModules);
  const reviewWeek = o.shape === 'exam' && o.final && W >= 4;
  const taperWeeks = o.shape === 'training' && o.final ? (W >= 10 ? 2 : W >= 4 ? 1 : 0) : 0;
  const C = Math.max(1, W - (reviewWeek ? 1 : 0) - taperWeeks);

  // Topics → content weeks: each topic at least one week, the rest by typical hours; or several topics a week.
  const k = o.topics.length;
  const focus: TPlanTopic[][] = Array.from({ length: C }, () => []);
  if (k <= C) {
    const extra = split(
      C - k,
      o.topics.map((t) => t.hours),
    );
    let w = 0;
    o.topics.forEach((t, i) => {
      for (let n = 0; n < extra[i] + 1; n++) focus[w++].push(t);
    });
  } else {
    const perWeek = split(
      k,
      focus.map(() => 1),
    );
    let i = 0;
    perWeek.forEach((n, w) => {
      for (let j = 0; j < n; j++) focus[w].push(o.topics[i++]);
    });
  }

  // Content slots per week, each naming its topic group.
  type TDraft = { topics: TPlanTopic[] };
  const drafts: TDraft[][] = focus.map((ts) => {
    if (ts.length <= L) {
      const counts = split(
        L,
        ts.map(() => 1),
      );
      return ts.flatMap((t, i) => Array.from({ length: counts[i] }, () => ({ topics: [t] })));
    }
    const counts = split(
      ts.length,
      Array.from({ length: L }, () => 1),
    );
    let i = 0;
    return counts.map((n) => ({ topics: ts.slice(i, (i += n)) }));
  });
  const steps = new Map<string, number>();
  for (const week of drafts) for (const d of week) for (const t of d.topics) steps.set(t.id, (steps.get(t.id) ?? 0) + 1);
  const seen = new Map<string, number>();
  const endWeek = new Map<string, number>();

  const weeks: TWeek[] = [];
  for (let w = 1; w <= W; w++) {
    const week = o.weekOffset + w;
    const slots: TSlot[] = [];
    let key: string;
    let load: TWeek['load'] = null;
    if (w <= C) {
      key = focus[w - 1].map((t) => t.id).join('+');
      drafts[w - 1].forEach((d, i) => {
        const lead = d.topics[0];
        const step = seen.get(lead.id) ?? 0;
        for (const t of d.topics) seen.set(t.id, (seen.get(t.id) ?? 0) + 1);
        for (const t of d.topics) endWeek.set(t.id, w);
        slots.push({
          type: 'content',
          week,
          topics: d.topics,
          stage: stageFor(o.shape, step, steps.get(lead.id) ?? 1, o.variant),
          step,
          steps: steps.get(lead.id) ?? 1,
          n: i + 1,
        });
      });
      if (o.shape === 'training' && w > 1) load = w % 4 === 0 ? 'recovery' : 'build';
    } else if (reviewWeek && w === W) {
      key = 'review-week';
      const groups = Math.max(1, L - 1);
      const counts = split(
        k,
        Array.from({ length: Math.min(groups, k) }, () => 1),
      );
      let i = 0;
      for (const n of counts) slots.push({ type: 'review', week, topics: o.topics.slice(i, (i += n)) });
    } else {
      key = 'taper';
      load = 'taper';
      const last = o.topics.slice(-2);
      for (let n = 1; n <= L; n++) slots.push({ type: 'taper', week, topics: [last[(n - 1) % last.length]], n });
    }

    // Exams: a diagnostic first, timed mocks in the last third of the content weeks.
    if (o.shape === 'exam' && o.first && w === 1) slots[0] = { type: 'diagnostic', week, n: 1 };
    // (at least one before the final mock when there is a week for it)
    const mockFrom = Math.min(C - Math.max(1, Math.round(C * 0.3)) + 1, o.final && W === C ? W - 1 : C);
    if (o.shape === 'exam' && w <= C && w >= Math.max(2, mockFrom) && !(o.final && w === W))
      slots[slots.length - 1] = { type: 'mock', week, n: w - Math.max(2, mockFrom) + 1 };
    if (o.final && w === W) {
      if (slots.length > 1 || slots[0]?.type !== 'content' || C > 1) slots[slots.length - 1] = { type: 'final', week, n: 1 };
      else slots.push({ type: 'final', week, n: 1 });
    }
    weeks.push({ week, key, slots, minutes: 0, load });
  }

  // Spaced repetition: each topic comes back 1, 3 and 7 weeks after the week it ends.
  // Training has no recall to space out: its load, rest and taper do that job.
  if (o.reviews && o.shape !== 'training') {
    for (const wk of weeks) {
      if (wk.key === 'review-week') continue;
      const w = wk.week - o.weekOffset;
      const due = o.topics.filter((t) => [1, 3, 7].some((gap) => endWeek.get(t.id) === w - gap));
      if (due.length)
        wk.slots.splice(Math.max(0, wk.slots.length - (wk.slots.at(-1)?.type === 'final' ? 1 : 0)), 0, {
          type: 'review',
          week: wk.week,
          topics: due,
        });
    }
  }

  // Minutes: the budget exactly, by week (training: rising load, lighter recovery weeks, a taper), then by slot.
  const factor = weeks.map((wk, i) =>
    wk.load === 'taper'
      ? 0.6
      : wk.load === 'recovery'
        ? 0.85
        : wk.load === 'build' || (o.shape === 'training' && i === 0)
          ? 0.85 + (0.3 * i) / Math.max(1, C - 1)
          : 1,
  );
  const perWeek = split(o.budget, factor);
  weeks.forEach((wk, i) => (wk.minutes = perWeek[i]));
  return { weeks, sessions: L };
}

/** A slot's share of its week's minutes. */
export const slotWeight = (s: TSlot) => (s.type === 'review' ? 0.5 : s.type === 'mock' || s.type === 'final' ? 1.5 : 1);
