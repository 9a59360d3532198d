import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ExtendForm, RegenerateModuleButton } from '@/components/curricula/change-controls';
import { CheckpointQuiz } from '@/components/curricula/checkpoint-quiz';
import { GenerationView } from '@/components/curricula/generation-view';
import { LessonRow } from '@/components/curricula/lesson-row';
import { MasteryBar } from '@/components/curricula/mastery-bar';
import { ModuleDisclosure } from '@/components/curricula/module-disclosure';
import { ModuleOutline } from '@/components/curricula/module-outline';
import { PlanLabel } from '@/components/curricula/plan-label';
import { ProgressBar } from '@/components/curricula/progress-bar';
import { LiveRefresh } from '@/components/realtime/live-refresh';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Container } from '@/components/ui/container';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';
import { moduleWithoutAnswers } from '@/lib/curriculum/hide-answers';
import type { TStoredModule } from '@/lib/curriculum/schemas';
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
  const { c, progress, scores, mastery, realtime } = data;
  const label = <PlanLabel meta={c.plan?.meta} provider={c.provider} language={c.request.language} />;

  if (!c.plan) {
    return (
      <Container>
        <PageHeader
          title={c.request.goal}
          description={`${formatDuration(c.request.hoursPerWeek * 60, locale)} a week for ${c.weeks} weeks · ${c.request.level}`}
        />
        <div className="space-y-4">
          <GenerationView
            curriculumId={c.id}
            status={c.status}
            error={c.error}
            modules={c.partialModules.map((m) => moduleWithoutAnswers(m, user.id))}
            expected={c.expectedModules}
            realtime={realtime}
          />
        </div>
      </Container>
    );
  }

  const plan = c.plan;
  const byLesson = new Map(progress.map((p) => [p.lessonId, p]));
  const percent = percentComplete(plan, progress);
  const isFinished = (id: string) => ['done', 'skipped'].includes(byLesson.get(id)?.status ?? '');
  // The current module: the first with an unfinished lesson (the last one when everything is done). It starts open.
  const currentIndex = Math.max(
    0,
    plan.modules.findIndex((m) => m.lessons.some((l) => !isFinished(l.id))),
  );
  const outline = plan.modules.map((m, i) => ({
    id: m.id,
    title: m.title,
    done: m.lessons.filter((l) => isFinished(l.id)).length,
    total: m.lessons.length,
    current: i === currentIndex,
  }));
  return (
    <Container>
      <LiveRefresh url={realtime.url} sinceSeq={realtime.sinceSeq} curriculumId={c.id} />
      <PageHeader
        title={plan.title}
        description={plan.summary}
        actions={
          <Link href={`/learn/progress?c=${c.id}`} className={buttonClasses('secondary')}>
            Progress
          </Link>
        }
      />
      <div className="space-y-6">
        {label}
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
              {plan.prerequisites.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          </section>
          <section className="card p-5">
            <h2 className="font-semibold">Outcomes</h2>
            <ul className="mt-2 list-disc pl-5 text-sm">
              {plan.outcomes.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          </section>
        </div>
        <div className="lg:grid lg:grid-cols-[15rem_minmax(0,1fr)] lg:items-start lg:gap-6">
          <ModuleOutline items={outline} />
          <ol className="mt-3 space-y-2 lg:mt-0" aria-label="Modules">
            {plan.modules.map((m, i) => {
              const o = outline[i];
              return (
                <li key={m.id} data-module-index={i} className="card">
                  <ModuleDisclosure
                    id={`module-${m.id}`}
                    defaultOpen={i === currentIndex}
                    anchors={m.lessons.map((l) => `lesson-${l.id}`)}
                    summary={
                      <summary className="flex cursor-pointer list-none items-start gap-3 rounded-2xl px-4 py-3 hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600 sm:px-5 dark:hover:bg-slate-900">
                        <span
                          aria-hidden
                          className="mt-1 inline-block text-slate-500 transition-transform group-open:rotate-90 dark:text-slate-400"
                        >
                          ▸
                        </span>
                        <span className="min-w-0 flex-1">
                          <span className="block text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
                            Module {i + 1} · {formatDuration(m.estimatedHours * 60, locale)} · {o.done} of {o.total} lessons done
                            {o.current ? ' · current' : ''}
                          </span>
                          <span className="mt-0.5 block text-base font-semibold">{m.title}</span>
                          <MasteryBar mastery={mastery[m.id]} className="mt-1" />
                        </span>
                      </summary>
                    }
                  >
                    <div className="border-t border-slate-200 p-4 sm:p-5 dark:border-slate-800">
                      <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
                        <p className="text-sm text-slate-700 dark:text-slate-300">{m.summary}</p>
                        <div className="flex shrink-0 flex-col items-start gap-1 sm:items-end">
                          <Link href={expertsForModuleHref({ topics: m.topics, goal: c.request.goal })} className="link text-sm">
                            Find an expert for this
                          </Link>
                          <RegenerateModuleButton
                            curriculumId={c.id}
                            moduleId={m.id}
                            title={m.title}
                            keptLessons={m.lessons.filter((l) => byLesson.has(l.id)).length}
                            totalLessons={m.lessons.length}
                          />
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
                              questions={moduleQuestions(m, user.id)}
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
                    </div>
                  </ModuleDisclosure>
                </li>
              );
            })}
          </ol>
        </div>
        <ExtendForm curriculumId={c.id} />
      </div>
    </Container>
  );
}

/** The module's quiz as this learner sees it: ids, questions, choices in their order, no answers. */
function moduleQuestions(m: TStoredModule, userId: string) {
  const pub = moduleWithoutAnswers(m, userId).checkpoint;
  return pub.type === 'quiz' ? pub.questions : [];
}
