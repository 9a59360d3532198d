import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import type { TToday } from '@/lib/progress/compute-progress';

export function TodayCard({ today, streak }: { today: TToday & { curriculumId: string; curriculumTitle: string }; streak: number }) {
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
      {next ? (
        <>
          <p className="text-sm text-slate-600 dark:text-slate-400">{today.curriculumTitle}</p>
          <p className="font-medium">{next.lesson.title}</p>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {next.module.title} · {next.lesson.estimatedMinutes} min · about {today.minutesToday} min a day keeps you on plan
          </p>
          <Link href={`/learn/${today.curriculumId}#lesson-${next.lesson.id}`} className={buttonClasses('primary')}>
            Continue
          </Link>
        </>
      ) : (
        <p className="text-sm">Every lesson is done. Time for the capstone write-up — or a new goal.</p>
      )}
      <p className="text-sm">
        {pace.onTrack ? <Badge tone="success">On track</Badge> : <Badge tone="warning">Behind by {pace.daysBehind} days</Badge>}{' '}
        {pace.projectedFinish ? `Projected finish ${pace.projectedFinish} (planned ${pace.plannedFinish})` : `Planned finish ${pace.plannedFinish}`}
      </p>
    </section>
  );
}
