import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { formatDay, formatDuration } from '@/lib/format/format';
import type { TToday } from '@/lib/progress/compute-progress';

type TProps = {
  today: TToday & { curriculumId: string; curriculumTitle: string };
  streak: number;
  locale: string;
  /** Ready curricula the learner can switch "Today" to (a plain GET form: works without JavaScript). */
  choices: { id: string; title: string }[];
};

export function TodayCard({ today, streak, locale, choices }: TProps) {
  const { next, pace } = today;
  return (
    <section className="card space-y-3 p-5" aria-labelledby="today-heading">
      <div className="flex items-center justify-between">
        <h2 id="today-heading" className="text-lg font-semibold">
          Today
        </h2>
        <span className="text-sm" data-testid="streak">
          {streak}-day streak
        </span>
      </div>
      {choices.length > 1 ? (
        <form method="get" action="/learn" className="flex flex-wrap items-end gap-2 text-sm">
          <label className="flex min-w-0 flex-1 flex-col gap-1">
            <span className="text-slate-600 dark:text-slate-400">Curriculum</span>
            <select
              name="c"
              defaultValue={today.curriculumId}
              className="rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 dark:border-slate-700 dark:bg-slate-950"
            >
              {choices.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className={buttonClasses('secondary')}>
            Switch
          </button>
        </form>
      ) : null}
      {next ? (
        <>
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="today-curriculum">
            {today.curriculumTitle}
          </p>
          <p className="font-medium">{next.lesson.title}</p>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {next.module.title} · {formatDuration(next.lesson.estimatedMinutes, locale)} · about{' '}
            {formatDuration(today.minutesToday, locale)} a day keeps you on plan
          </p>
          <Link href={`/learn/${today.curriculumId}#lesson-${next.lesson.id}`} className={buttonClasses('primary')}>
            Continue
          </Link>
        </>
      ) : (
        <p className="text-sm">Every lesson is done. Time for the capstone write-up — or a new goal.</p>
      )}
      <p className="text-sm">
        {pace.onTrack ? (
          <Badge tone="success">On track</Badge>
        ) : (
          <Badge tone="warning">
            Behind by {pace.daysBehind} {pace.daysBehind === 1 ? 'day' : 'days'}
          </Badge>
        )}{' '}
        {pace.projectedFinish
          ? `Projected finish ${formatDay(pace.projectedFinish, locale)} (planned ${formatDay(pace.plannedFinish, locale)})`
          : `Planned finish ${formatDay(pace.plannedFinish, locale)}`}
      </p>
    </section>
  );
}
