import type { TLessonStatus, TStoredCurriculum, TStoredLesson, TStoredModule } from '@/lib/curriculum/schemas';

// Pure: the numbers and series the "Today" card and the dashboard draw. Days are the learner's calendar
// days: an instant becomes a day in the learner's IANA zone (Intl does the zone rules, DST included); day
// keys (YYYY-MM-DD) are then plain calendar dates, so stepping from one to the next involves no zone.

export type TProgressRow = { lessonId: string; status: TLessonStatus; minutesSpent: number; completedAt: string | null };
export type TActivityRow = { kind: 'done' | 'minutes'; minutes: number; occurredAt: string; lessonId: string };
export type TPlanInfo = { plan: TStoredCurriculum; startDate: string; weeks: number; hoursPerWeek: number };

const DAY = 86_400_000;
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The learner's calendar day (YYYY-MM-DD) of an instant, in `timeZone` (an IANA name; UTC by default). */
export function dayKey(d: Date | string, timeZone = 'UTC'): string {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(d)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
const dayStart = (key: string) => Date.parse(`${key}T00:00:00Z`);
const addDays = (key: string, n: number) => new Date(dayStart(key) + n * DAY).toISOString().slice(0, 10);

const isComplete = (s: TLessonStatus | undefined) => s === 'done' || s === 'skipped';

export function lessonsOf(plan: TStoredCurriculum): { lesson: TStoredLesson; module: TStoredModule }[] {
  return plan.modules.flatMap((module) => module.lessons.map((lesson) => ({ lesson, module })));
}

/** Share of the plan's estimated minutes whose lessons are done or skipped, 0–100. */
export function percentComplete(plan: TStoredCurriculum, rows: TProgressRow[]): number {
  const status = new Map(rows.map((r) => [r.lessonId, r.status]));
  const all = lessonsOf(plan);
  const total = all.reduce((s, x) => s + x.lesson.estimatedMinutes, 0);
  const done = all.filter((x) => isComplete(status.get(x.lesson.id))).reduce((s, x) => s + x.lesson.estimatedMinutes, 0);
  return total ? Math.round((done / total) * 1000) / 10 : 0;
}

export type TPace = {
  plannedPercent: number;
  actualPercent: number;
  lessonsDone: number;
  lessonsTotal: number;
  projectedFinish: string | null;
  plannedFinish: string;
  daysBehind: number;
  onTrack: boolean;
};

/**
 * Where the learner stands against the plan, and when they will finish at their pace so far. The
 * projection counts lessons done (or skipped) per elapsed day — never minutes, which are only what the
 * learner chose to log.
 */
export function computePace(info: TPlanInfo, rows: TProgressRow[], today: string): TPace {
  const plannedFinish = addDays(info.startDate, info.weeks * 7);
  const totalDays = info.weeks * 7;
  const elapsed = Math.max(0, Math.round((dayStart(today) - dayStart(info.startDate)) / DAY)) + 1;
  const plannedPercent = Math.min(100, Math.round((elapsed / totalDays) * 1000) / 10);
  const actualPercent = percentComplete(info.plan, rows);
  const status = new Map(rows.map((r) => [r.lessonId, r.status]));
  const all = lessonsOf(info.plan);
  const lessonsTotal = all.length;
  const lessonsDone = all.filter((x) => isComplete(status.get(x.lesson.id))).length;
  let projectedFinish: string | null = null;
  if (lessonsDone >= lessonsTotal) projectedFinish = today;
  else if (lessonsDone > 0) projectedFinish = addDays(info.startDate, Math.ceil((elapsed * lessonsTotal) / lessonsDone));
  // Nothing done yet: behind by the days gone by since the start (none on day one).
  const daysBehind = projectedFinish ? Math.max(0, Math.round((dayStart(projectedFinish) - dayStart(plannedFinish)) / DAY)) : elapsed - 1;
  const doneShare = lessonsTotal ? (lessonsDone / lessonsTotal) * 100 : 100;
  return {
    plannedPercent,
    actualPercent,
    lessonsDone,
    lessonsTotal,
    projectedFinish,
    plannedFinish,
    daysBehind,
    onTrack: doneShare + 0.05 >= plannedPercent || daysBehind === 0,
  };
}

export type TCumulativePoint = { date: string; planned: number; actual: number | null };

/** Planned vs actual cumulative percent by day from the start to the planned finish (actual up to today). */
export function cumulativeSeries(info: TPlanInfo, rows: TProgressRow[], today: string, timeZone = 'UTC'): TCumulativePoint[] {
  const minutesOf = new Map(lessonsOf(info.plan).map((x) => [x.lesson.id, x.lesson.estimatedMinutes]));
  const total = [...minutesOf.values()].reduce((a, b) => a + b, 0) || 1;
  const doneByDay = new Map<string, number>();
  for (const r of rows) {
    if (!isComplete(r.status)) continue;
    const key = r.completedAt ? dayKey(r.completedAt, timeZone) : today;
    doneByDay.set(key, (doneByDay.get(key) ?? 0) + (minutesOf.get(r.lessonId) ?? 0));
  }
  const totalDays = info.weeks * 7;
  const points: TCumulativePoint[] = [];
  let acc = 0;
  // Anything completed before the start date counts on day one.
  for (const [k, v] of doneByDay) if (k < info.startDate) acc += v;
  for (let i = 0; i <= totalDays; i++) {
    const date = addDays(info.startDate, i);
    acc += doneByDay.get(date) ?? 0;
    points.push({
      date,
      planned: Math.round((i / totalDays) * 1000) / 10,
      actual: date <= today ? Math.round((acc / total) * 1000) / 10 : null,
    });
  }
  return points;
}

/** Minutes learned per ISO week (Monday start), the last `weeks` weeks up to today. */
export function minutesPerWeek(activity: TActivityRow[], today: string, weeks = 8, timeZone = 'UTC'): { week: string; minutes: number }[] {
  const monday = (key: string) => addDays(key, -((new Date(dayStart(key)).getUTCDay() + 6) % 7));
  const thisWeek = monday(today);
  const out = Array.from({ length: weeks }, (_, i) => ({ week: addDays(thisWeek, (i - weeks + 1) * 7), minutes: 0 }));
  const index = new Map(out.map((w, i) => [w.week, i]));
  for (const a of activity) {
    const i = index.get(monday(dayKey(a.occurredAt, timeZone)));
    if (i !== undefined) out[i].minutes += a.minutes;
  }
  return out;
}

/** One cell per day for the last `days` days: minutes and acts of learning. */
export function activityHeatmap(
  activity: TActivityRow[],
  today: string,
  days = 84,
  timeZone = 'UTC',
): { date: string; minutes: number; count: number }[] {
  const out = Array.from({ length: days }, (_, i) => ({ date: addDays(today, i - days + 1), minutes: 0, count: 0 }));
  const index = new Map(out.map((d, i) => [d.date, i]));
  for (const a of activity) {
    const i = index.get(dayKey(a.occurredAt, timeZone));
    if (i === undefined) continue;
    out[i].minutes += a.minutes;
    out[i].count += 1;
  }
  return out;
}

/**
 * Consecutive days of learning (a lesson done or minutes logged) ending today — or yesterday, so a
 * streak is not lost before today's session. Visiting the site counts for nothing. `today` and the days
 * of `activity` are both in the learner's `timeZone`.
 */
export function streakDays(activity: TActivityRow[], today: string, timeZone = 'UTC'): number {
  const days = new Set(activity.filter((a) => a.kind === 'done' || a.minutes > 0).map((a) => dayKey(a.occurredAt, timeZone)));
  let cursor = days.has(today) ? today : addDays(today, -1);
  let n = 0;
  while (days.has(cursor)) {
    n++;
    cursor = addDays(cursor, -1);
  }
  return n;
}

export type TToday = { next: { lesson: TStoredLesson; module: TStoredModule } | null; minutesToday: number; pace: TPace };

/** What to do next: the first lesson not done or skipped, and today's share of the weekly hours. */
export function whatToDoToday(info: TPlanInfo, rows: TProgressRow[], today: string): TToday {
  const status = new Map(rows.map((r) => [r.lessonId, r.status]));
  const next = lessonsOf(info.plan).find((x) => !isComplete(status.get(x.lesson.id))) ?? null;
  return { next, minutesToday: Math.round((info.hoursPerWeek * 60) / 7), pace: computePace(info, rows, today) };
}

/**
 * The curriculum being studied: the one with the latest act of learning (a lesson done, minutes logged);
 * with no activity at all, the newest. `curricula` come newest first.
 */
export function pickActiveCurriculum<T extends { id: string }>(
  curricula: T[],
  activity: { curriculumId: string; occurredAt: string }[],
): T | undefined {
  const last = new Map<string, string>();
  for (const a of activity) if ((last.get(a.curriculumId) ?? '') < a.occurredAt) last.set(a.curriculumId, a.occurredAt);
  let best: T | undefined;
  for (const c of curricula) if (last.has(c.id) && (!best || last.get(c.id)! > last.get(best.id)!)) best = c;
  return best ?? curricula[0];
}
