import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ExtendForm, RegenerateModuleButton } from '@/components/curricula/change-controls';
import { CheckpointQuiz } from '@/components/curricula/checkpoint-quiz';
import { GenerationView } from '@/components/curricula/generation-view';
import { LessonRow } from '@/components/curricula/lesson-row';
import { ProgressBar } from '@/components/curricula/progress-bar';
import { LiveRefresh } from '@/components/realtime/live-refresh';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Container } from '@/components/ui/container';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';
import { moduleWithoutAnswers } from '@/lib/curriculum/hide-answers';
import { getDb } from '@/lib/db';
import { expertsForModuleHref } from '@/lib/experts/search-terms';
import { formatDuration, formatPercent } from '@/lib/format/format';
import { getViewerLocale } from '@/lib/format/viewer-locale';
import { isAppError } from '@/lib/http/app-error';
import { percentComplete } from '@/lib/progress/compute-progress';
import { loadCurriculumPage } from '@/lib/progress/load-learner-pages';

export const metadata: Metadata = { title: 'Curriculum' };

export default async function CurriculumPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireRole(['learner'], `/learn/${id}`);
  const locale = await getViewerLocale();
  const data = await loadCurriculumPage(await getDb(), user, id).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'not_found') notFound();
    throw e;
  });
  const { c, progress, scores, realtime } = data;
  const offlineNote = c.provider === 'offline' ? <Alert tone="info">Generated offline — set OPENAI_API_KEY for AI curricula.</Alert> : null;

  if (!c.plan) {
    return (
      <Container>
        <PageHeader
          title={c.request.goal}
          description={`${formatDuration(c.request.hoursPerWeek * 60, locale)} a week for ${c.weeks} weeks · ${c.request.level}`}
        />
        <div className="space-y-4">
          {offlineNote}
          <GenerationView
            curriculumId={c.id}
            status={c.status}
            error={c.error}
            modules={c.partialModules.map(moduleWithoutAnswers)}
            expected={c.expectedModules}
            realtime={realtime}
          />
        </div>
      </Container>
    );
  }

  const byLesson = new Map(progress.map((p) => [p.lessonId, p]));
  const percent = percentComplete(c.plan, progress);
  return (
    <Container>
      <LiveRefresh url={realtime.url} sinceSeq={realtime.sinceSeq} curriculumId={c.id} />
      <PageHeader
        title={c.plan.title}
        description={c.plan.summary}
        actions={
          <Link href={`/learn/progress?c=${c.id}`} className={buttonClasses('secondary')}>
            Progress
          </Link>
        }
      />
      <div className="space-y-6">
        {offlineNote}
        <div className="card space-y-2 p-5">
          <div className="flex items-center justify-between text-sm">
            <span className="font-medium">Complete</span>
            <span data-testid="percent-complete">{formatPercent(percent, locale)}</span>
          </div>
          <ProgressBar value={percent} label="Curriculum complete" tone="success" />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <section className="card p-5">
            <h2 className="font-semibold">Prerequisites</h2>
            <ul className="mt-2 list-disc pl-5 text-sm">
              {c.plan.prerequisites.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          </section>
          <section className="card p-5">
            <h2 className="font-semibold">Outcomes</h2>
            <ul className="mt-2 list-disc pl-5 text-sm">
              {c.plan.outcomes.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          </section>
        </div>
        <ol className="space-y-6">
          {c.plan.modules.map((m, i) => (
            <li key={m.id} data-module-index={i} className="card p-5">
              <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
                <div>
                  <p className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
                    Module {i + 1} · {formatDuration(m.estimatedHours * 60, locale)}
                  </p>
                  <h2 className="mt-1 text-lg font-semibold">{m.title}</h2>
                  <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{m.summary}</p>
                </div>
                <div className="flex shrink-0 flex-col items-start gap-1 sm:items-end">
                  <Link href={expertsForModuleHref({ topics: m.topics, goal: c.request.goal })} className="link text-sm">
                    Find an expert for this
                  </Link>
                  <RegenerateModuleButton curriculumId={c.id} moduleId={m.id} title={m.title} />
                </div>
              </div>
              <ul className="mt-3">
                {m.lessons.map((l) => {
                  const p = byLesson.get(l.id);
                  return (
                    <LessonRow
                      key={l.id}
                      curriculumId={c.id}
                      lesson={l}
                      locale={locale}
                      progress={p ? { status: p.status, minutesSpent: p.minutesSpent, notes: p.notes } : null}
                    />
                  );
                })}
              </ul>
              <details className="mt-4 rounded-xl border border-slate-200 p-4 dark:border-slate-800">
                <summary className="cursor-pointer font-medium">
                  Checkpoint: {m.checkpoint.type === 'quiz' ? `quiz (${m.checkpoint.questions.length} questions)` : 'mini project'}{' '}
                  {scores[m.id] ? (
                    <Badge tone="success">
                      Best {scores[m.id].best}/{scores[m.id].total}
                    </Badge>
                  ) : null}
                </summary>
                <div className="mt-3">
                  {m.checkpoint.type === 'quiz' ? (
                    <CheckpointQuiz
                      curriculumId={c.id}
                      moduleId={m.id}
                      questions={m.checkpoint.questions.map((q) => ({ question: q.question, choices: q.choices }))}
                      best={scores[m.id] ?? null}
                    />
                  ) : (
                    <div className="space-y-2 text-sm">
                      <p>{m.checkpoint.brief}</p>
                      <p className="font-medium">Done when:</p>
                      <ul className="list-disc pl-5">
                        {m.checkpoint.acceptanceCriteria.map((x) => (
                          <li key={x}>{x}</li>
                        ))}
                      </ul>
                    </div>
                  )}
                </div>
              </details>
            </li>
          ))}
        </ol>
        <ExtendForm curriculumId={c.id} />
      </div>
    </Container>
  );
}
