import type { Metadata } from 'next';
import Link from 'next/link';
import { ActivityHeatmap } from '@/components/curricula/activity-heatmap';
import { CumulativeChart, MinutesPerWeekChart } from '@/components/curricula/lazy-progress-charts';
import { ProgressBar } from '@/components/curricula/progress-bar';
import { LiveRefresh } from '@/components/realtime/live-refresh';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Container } from '@/components/ui/container';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';
import { getDb } from '@/lib/db';
import { formatDay, formatDuration, formatPercent } from '@/lib/format/format';
import { getViewerLocale } from '@/lib/format/viewer-locale';
import { loadLearnerDashboard } from '@/lib/progress/load-learner-pages';

export const metadata: Metadata = { title: 'Progress' };

export default async function ProgressPage({ searchParams }: { searchParams: Promise<{ c?: string }> }) {
  const { c: selected } = await searchParams;
  const user = await requireRole(['learner'], '/learn/progress');
  const locale = await getViewerLocale();
  const { d, realtime } = await loadLearnerDashboard(await getDb(), user, selected);
  const sel = d.cards.find((c) => c.id === d.selectedId);
  return (
    <Container>
      <LiveRefresh url={realtime.url} sinceSeq={realtime.sinceSeq} />
      <PageHeader
        title="Progress"
        description={`How far you are, how you are pacing, and when you learn. Days are counted in your time zone (${d.timeZone}).`}
      />
      {!sel ? (
        <EmptyState
          title="Nothing to chart yet"
          action={
            <Link href="/learn/new" className={buttonClasses('primary')}>
              New curriculum
            </Link>
          }
        >
          Generate a curriculum and mark lessons done; your progress shows up here.
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <div className="grid gap-4 sm:grid-cols-3">
            <div className="card p-5">
              <p className="text-sm text-slate-600 dark:text-slate-400">Streak</p>
              <p className="mt-1 text-3xl font-bold" data-testid="streak-days">
                {d.streak} day{d.streak === 1 ? '' : 's'}
              </p>
              <p className="text-xs text-slate-600 dark:text-slate-400">Days with a lesson done or time logged</p>
            </div>
            <div className="card p-5">
              <p className="text-sm text-slate-600 dark:text-slate-400">Time learned</p>
              <p className="mt-1 text-3xl font-bold" data-testid="time-learned">
                {formatDuration(d.totalMinutes, locale)}
              </p>
              <p className="text-xs text-slate-600 dark:text-slate-400">The time you logged</p>
            </div>
            <div className="card p-5">
              <p className="text-sm text-slate-600 dark:text-slate-400">Pace · {sel.title}</p>
              {sel.pace ? (
                <>
                  <p className="mt-1" data-testid="pace">
                    {sel.pace.onTrack ? (
                      <Badge tone="success">On track</Badge>
                    ) : (
                      <Badge tone="warning">
                        Behind by {sel.pace.daysBehind} {sel.pace.daysBehind === 1 ? 'day' : 'days'}
                      </Badge>
                    )}
                  </p>
                  <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                    {sel.pace.lessonsDone} of {sel.pace.lessonsTotal} lessons done ·{' '}
                    {sel.pace.projectedFinish
                      ? `projected finish ${formatDay(sel.pace.projectedFinish, locale)}`
                      : 'no finish projected yet'}{' '}
                    · planned {formatDay(sel.pace.plannedFinish, locale)}
                  </p>
                </>
              ) : null}
            </div>
          </div>
          <section className="card p-5" aria-labelledby="per-curriculum">
            <h2 id="per-curriculum" className="font-semibold">
              Complete, per curriculum
            </h2>
            <ul className="mt-3 space-y-3">
              {d.cards
                .filter((c) => c.status === 'ready')
                .map((c) => (
                  <li key={c.id} className="space-y-1">
                    <div className="flex justify-between gap-2 text-sm">
                      <Link
                        href={`/learn/progress?c=${c.id}`}
                        className={c.id === d.selectedId ? 'font-semibold underline' : 'hover:underline'}
                      >
                        {c.title}
                      </Link>
                      <span data-testid={`percent-${c.id}`}>{formatPercent(c.percent, locale)}</span>
                    </div>
                    <ProgressBar value={c.percent} label={`${c.title} complete`} tone="success" />
                  </li>
                ))}
            </ul>
          </section>
          <section className="card p-5" aria-labelledby="cumulative">
            <h2 id="cumulative" className="font-semibold">
              Planned vs actual · {sel.title}
            </h2>
            <CumulativeChart data={d.cumulative} locale={locale} />
          </section>
          <div className="grid gap-6 lg:grid-cols-2">
            <section className="card p-5" aria-labelledby="per-week">
              <h2 id="per-week" className="font-semibold">
                Minutes per week
              </h2>
              <MinutesPerWeekChart data={d.minutesPerWeek} locale={locale} />
            </section>
            <section className="card p-5" aria-labelledby="activity">
              <h2 id="activity" className="mb-3 font-semibold">
                Activity
              </h2>
              <ActivityHeatmap days={d.heatmap} locale={locale} />
            </section>
          </div>
        </div>
      )}
    </Container>
  );
}
