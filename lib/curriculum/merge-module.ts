import { randomUUID } from 'node:crypto';
import { split } from './plan-offline';
import type { TModule, TStoredCurriculum, TStoredModule } from './schemas';

/**
 * A regenerated module that keeps the learner's work: lessons with progress stay (same ids, same
 * order, first), and fresh lessons fill the rest of the module's time. The module keeps its id.
 */
export function mergeRegeneratedModule(
  old: TStoredModule,
  fresh: TModule,
  keep: Set<string>,
  newId: () => string = randomUUID,
): TStoredModule {
  const kept = old.lessons.filter((l) => keep.has(l.id));
  const target = old.lessons.reduce((s, l) => s + l.estimatedMinutes, 0);
  const remaining = Math.max(0, target - kept.reduce((s, l) => s + l.estimatedMinutes, 0));
  // Fresh lessons share the time the kept ones leave, in their own proportions (5 minutes at least).
  const count = Math.min(fresh.lessons.length, Math.max(kept.length ? 0 : 1, Math.floor(remaining / 5)), 12 - kept.length);
  const chosen = fresh.lessons.slice(0, count);
  const minutes = split(
    Math.max(remaining, count * 5),
    chosen.map((l) => l.estimatedMinutes),
  );
  const added = chosen.map((l, i) => ({ ...l, estimatedMinutes: Math.max(5, minutes[i]), id: newId() }));
  const lessons = [...kept, ...added];
  const total = lessons.reduce((s, l) => s + l.estimatedMinutes, 0);
  return { ...fresh, id: old.id, lessons, estimatedHours: Math.round((total / 60) * 100) / 100 };
}

/** Appends modules (with ids) after the existing ones; existing modules and lesson ids are untouched. */
export function appendModules(plan: TStoredCurriculum, extra: TStoredModule[]): TStoredCurriculum {
  return { ...plan, modules: [...plan.modules, ...extra].slice(0, 20) };
}
