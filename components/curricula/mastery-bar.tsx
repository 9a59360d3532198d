import type { TModuleMastery } from '@/lib/curriculum/mastery';

/**
 * A module's mastery: a small bar (the mean recall estimate, lib/curriculum/mastery.ts) and the count of objectives
 * mastered, as text a screen reader reads (the bar itself is decorative). Nothing for a project checkpoint.
 */
export function MasteryBar({ mastery, className = '' }: { mastery: TModuleMastery | undefined; className?: string }) {
  if (!mastery || mastery.total === 0) return null;
  const unit = mastery.byObjective ? 'objectives' : 'questions';
  return (
    <span className={`inline-flex items-center gap-2 text-xs text-slate-700 dark:text-slate-300 ${className}`} data-testid="mastery">
      <span aria-hidden className="inline-block h-1.5 w-16 shrink-0 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800">
        <span className="block h-full rounded-full bg-violet-600 dark:bg-violet-400" style={{ width: `${mastery.percent}%` }} />
      </span>
      <span>
        {mastery.answered ? (
          <>
            {mastery.mastered} of {mastery.total} {unit} mastered · {mastery.percent}%
          </>
        ) : (
          <>
            0 of {mastery.total} {unit} mastered · not taken yet
          </>
        )}
      </span>
    </span>
  );
}
