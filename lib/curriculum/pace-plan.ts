import type { TCurriculum, TModule } from './schemas';

// Server-side pacing: the model proposes lessons and rough sizes, the server does the arithmetic. Minutes
// are multiples of 5, each lesson 5–1200 minutes (the schema's bounds), a module's hours are its lessons'
// minutes / 60, and lesson weeks follow from where each lesson falls in the plan. Pure.

const STEP = 5;
const MAX_LESSON_UNITS = 1200 / STEP;
const MAX_LESSONS = 12;

/** Splits `total` into non-negative integers proportional to `weights` (largest remainder; equal shares when all weights are 0). */
export function apportion(total: number, weights: number[]): number[] {
  if (!weights.length) return [];
  const w = weights.map((x) => (Number.isFinite(x) && x > 0 ? x : 0));
  const sum = w.reduce((a, b) => a + b, 0);
  const shares = sum > 0 ? w.map((x) => (total * x) / sum) : w.map(() => total / w.length);
  const parts = shares.map(Math.floor);
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = shares.map((s, i) => [s - Math.floor(s), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) parts[order[k][1]]++;
  return parts;
}

/** Minutes per module: the budget shared by the outline's weights (its weeks per module), multiples of 5, at least 5 each. */
export function moduleTargets(budgetMinutes: number, weights: number[]): number[] {
  const units = Math.max(weights.length, Math.round(budgetMinutes / STEP));
  return apportion(units - weights.length, weights).map((u) => (u + 1) * STEP);
}

/** Lesson units (of 5 minutes) in proportion to `weights`, each 1..MAX_LESSON_UNITS; overflow goes to the others. */
function lessonUnits(units: number, weights: number[]): number[] {
  const n = weights.length;
  const parts = apportion(Math.max(n, units), weights);
  // Every lesson at least 5 minutes: a lesson rounded to nothing takes a unit from the largest one.
  for (const i of parts.keys()) {
    if (parts[i] > 0) continue;
    parts[parts.indexOf(Math.max(...parts))]--;
    parts[i] = 1;
  }
  // Cap at 1200 minutes and hand the overflow to lessons with room, until none is left or all are full.
  for (let guard = 0; guard < n; guard++) {
    let overflow = 0;
    parts.forEach((p, i) => {
      if (p > MAX_LESSON_UNITS) {
        overflow += p - MAX_LESSON_UNITS;
        parts[i] = MAX_LESSON_UNITS;
      }
    });
    const open = parts.map((p, i) => (p < MAX_LESSON_UNITS ? i : -1)).filter((i) => i >= 0);
    if (!overflow || !open.length) break;
    apportion(
      overflow,
      open.map((i) => weights[i] || 1),
    ).forEach((extra, k) => (parts[open[k]] += extra));
  }
  return parts;
}

const hours = (minutes: number) => Math.max(0.1, Math.round((minutes / 60) * 100) / 100);
export const moduleMinutes = (m: Pick<TModule, 'lessons'>) => m.lessons.reduce((s, l) => s + l.estimatedMinutes, 0);

/**
 * Fits a module to `targetMinutes`: its lessons keep their proportions, scaled and rounded to 5 minutes so
 * they add up to the target (within the 5–1200 minute bounds); a module with more lessons than the target
 * can hold keeps its first ones and folds the rest's objectives into the last one kept. Hours follow.
 */
export function paceModule<M extends TModule>(m: M, targetMinutes: number): M {
  const units = Math.max(1, Math.round(targetMinutes / STEP));
  const keep = Math.min(m.lessons.length, units, MAX_LESSONS);
  let lessons = m.lessons.slice(0, keep);
  if (keep < m.lessons.length) {
    const last = lessons[keep - 1];
    const folded = [...new Set([...last.objectives, ...m.lessons.slice(keep).flatMap((l) => l.objectives)])].slice(0, 6);
    lessons = [...lessons.slice(0, -1), { ...last, objectives: folded }];
  }
  const parts = lessonUnits(
    units,
    lessons.map((l) => l.estimatedMinutes),
  );
  const paced = lessons.map((l, i) => ({ ...l, estimatedMinutes: parts[i] * STEP }));
  return { ...m, lessons: paced, estimatedHours: hours(moduleMinutes({ lessons: paced })) };
}

export type TWeekFrame = { weeks: number; budgetMinutes: number; firstWeek?: number };

/** The plan week a lesson starting `startMinute` minutes into the plan falls in (1-based, never past the plan's last week). */
export function weekAt(startMinute: number, f: TWeekFrame): number {
  const perWeek = f.budgetMinutes / Math.max(1, f.weeks);
  const index = Math.min(f.weeks - 1, Math.max(0, Math.floor((startMinute + 1e-9) / perWeek)));
  return Math.min(52, (f.firstWeek ?? 1) + index);
}

/** Sets each lesson's week from its position: a module that starts `startMinute` minutes into the plan. */
export function withWeeks<M extends TModule>(m: M, startMinute: number, f: TWeekFrame): M {
  let at = startMinute;
  const lessons = m.lessons.map((l) => {
    const week = weekAt(at, f);
    at += l.estimatedMinutes;
    return { ...l, week };
  });
  return { ...m, lessons };
}

/** A whole plan paced to the budget: modules keep their relative sizes, lessons get their weeks. */
export function pacePlan<C extends TCurriculum>(c: C, f: TWeekFrame): C {
  const targets = moduleTargets(f.budgetMinutes, c.modules.map(moduleMinutes));
  let start = 0;
  const modules = c.modules.map((m, i) => {
    const paced = withWeeks(paceModule(m, targets[i]), start, f);
    start += moduleMinutes(paced);
    return paced;
  });
  return { ...c, modules };
}
