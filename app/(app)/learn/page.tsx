import type { Metadata } from 'next';
import Link from 'next/link';
import { MasteryBar } from '@/components/curricula/mastery-bar';
import { ProgressBar } from '@/components/curricula/progress-bar';
import { ReviewList } from '@/components/curricula/review-list';
import { TodayCard } from '@/components/curricula/today-card';
import { LiveRefresh } from '@/components/realtime/live-refresh';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Container } from '@/components/ui/container';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';
import { getDb } from '@/lib/db';
import { formatPercent } from '@/lib/format/format';
import { getViewerLocale } from '@/lib/format/viewer-locale';
import { loadLearnerDashboard } from '@/lib/progress/load-learner-pages';

export const metadata: Metadata = { title: 'Learn' };

const STATUS = { queued: 'Queued', generating: 'Generating…', ready: 'Ready', failed: 'Failed' } as const;

export default async function LearnPage({ searchParams }: { searchParams: Promise<{ c?: string }> }) {
  const { c: chosen } = await searchParams;
  const user = await requireRole(['learner'], '/learn');
  const locale = await getViewerLocale();
  const { d, quizzes, realtime } = await loadLearnerDashboard(await getDb(), user, chosen);
  const choices = d.cards.filter((c) => c.status === 'ready').map((c) => ({ id: c.id, title: c.title }));
  const actions = (
    <>
      <Link href="/learn/progress" className={buttonClasses('secondary')}>
        Progress
      </Link>
      <Link href="/learn/new" className={buttonClasses('primary')}>
        New curriculum
      </Link>
    </>
  );
  return (
    <Container>
      <LiveRefresh url={realtime.url} sinceSeq={realtime.sinceSeq} />
      <PageHeader
        title={`Welcome, ${user.name.split(' ')[0]}`}
        description="Your curricula, what to do today, and how you are pacing."
        actions={actions}
      />
      {d.cards.length === 0 ? (
        <EmptyState
          title="No curricula yet"
          action={
            <Link href="/learn/new" className={buttonClasses('primary')}>
              Create your first curriculum
            </Link>
          }
        >
          Describe a goal, your level and the time you have; Pathwise plans the modules and lessons and tracks you through them.
        </EmptyState>
      ) : (
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
          <div className="space-y-6 lg:col-span-1">
            {d.todayCard ? <TodayCard today={d.todayCard} streak={d.streak} locale={locale} choices={choices} /> : null}
            <ReviewList items={quizzes.review} timeZone={quizzes.timeZone} serverToday={quizzes.today} locale={locale} />
          </div>
          <section className="space-y-4 lg:col-span-2" aria-labelledby="curricula-heading">
            <h2 id="curricula-heading" className="text-lg font-semibold">
              Your curricula
            </h2>
            <ul className="space-y-3">
              {d.cards.map((c) => (
                <li key={c.id} className="card p-5">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <Link href={`/learn/${c.id}`} className="font-semibold hover:underline">
                      {c.title}
                    </Link>
                    <div className="flex gap-2">
                      {c.provider === 'offline' ? <Badge>Offline plan</Badge> : <Badge tone="brand">AI</Badge>}
                      {c.status !== 'ready' ? <Badge tone={c.status === 'failed' ? 'warning' : 'neutral'}>{STATUS[c.status]}</Badge> : null}
                    </div>
                  </div>
                  {c.status === 'ready' ? (
                    <div className="mt-3 space-y-1.5">
                      <ProgressBar value={c.percent} label={`${c.title} complete`} tone="success" />
                      <p className="text-sm text-slate-600 dark:text-slate-400">
                        {formatPercent(c.percent, locale)} complete
                        {c.pace
                          ? c.pace.onTrack
                            ? ' · on track'
                            : ` · behind by ${c.pace.daysBehind} day${c.pace.daysBehind === 1 ? '' : 's'}`
                          : ''}
                      </p>
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
            {quizzes.curriculumId && quizzes.modules.length ? (
              <section className="card p-5" aria-labelledby="modules-heading" data-testid="module-mastery">
                <h2 id="modules-heading" className="text-lg font-semibold">
                  By module
                </h2>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {quizzes.curriculumTitle}: lessons done and objectives mastered in checkpoints and reviews.
                </p>
                <ol className="mt-3 divide-y divide-slate-200 dark:divide-slate-800">
                  {quizzes.modules.map((m, i) => (
                    <li key={m.id} className="flex flex-col gap-1 py-2 sm:flex-row sm:items-center sm:gap-4">
                      <Link
                        href={`/learn/${quizzes.curriculumId}#module-${m.id}`}
                        className="min-w-0 flex-1 truncate text-sm font-medium hover:underline"
                      >
                        {i + 1}. {m.title}
                      </Link>
                      <span className="shrink-0 text-xs text-slate-700 tabular-nums dark:text-slate-300">
                        {m.done} of {m.total} lessons done
                      </span>
                      {m.mastery && m.mastery.total > 0 ? (
                        <MasteryBar mastery={m.mastery} className="shrink-0 sm:w-72" />
                      ) : (
                        <span className="shrink-0 text-xs text-slate-600 sm:w-72 dark:text-slate-400">Project checkpoint: no quiz</span>
                      )}
                    </li>
                  ))}
                </ol>
              </section>
            ) : null}
          </section>
        </div>
      )}
    </Container>
  );
}
