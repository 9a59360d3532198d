import 'server-only';
import { viewCurriculumOrThrow } from '@/lib/curriculum/get-curriculum';
import { withUser, type TDb, type TDbUser } from '@/lib/db';
import { getRealtimeInfo } from '@/lib/realtime/get-realtime-info';
import { readDashboard } from './get-dashboard';
import { getBestScores, getLearnerTimeZone, getLessonProgress } from './get-progress';
import { getQuizAnswers, masteryByModule, reviewItems } from './quiz-history';

// What the Learn pages read, each in one transaction as the learner (docs/db-access.md).

/** Learn home and the progress dashboard. */
export function loadLearnerDashboard(db: TDb, user: TDbUser, selectedId?: string) {
  return withUser(db, user, async (tx) => {
    // The dashboard's own reads (curricula as kept read-only views, all lesson progress) serve the quizzes too.
    const { dashboard: d, curricula, progress } = await readDashboard(tx, user.id, selectedId);
    // Quizzes: mastery per module of the curriculum Today shows, and the questions to review across curricula.
    const answers = await getQuizAnswers(tx, user.id);
    const selected = curricula.find((c) => c.id === d.selectedId);
    const mastery = selected ? masteryByModule(selected, answers, d.timeZone) : {};
    const finished = new Set(
      selected
        ? progress.filter((p) => p.curriculumId === selected.id && (p.status === 'done' || p.status === 'skipped')).map((p) => p.lessonId)
        : [],
    );
    return {
      d,
      quizzes: {
        // The selected curriculum's modules: lessons done beside mastery.
        modules: (selected?.plan?.modules ?? []).map((m) => ({
          id: m.id,
          title: m.title,
          done: m.lessons.filter((l) => finished.has(l.id)).length,
          total: m.lessons.length,
          mastery: mastery[m.id],
        })),
        curriculumId: selected?.id ?? null,
        curriculumTitle: selected?.plan?.title ?? null,
        review: reviewItems(user.id, curricula, answers, d.timeZone, d.today),
        timeZone: d.timeZone,
        today: d.today,
      },
      realtime: await getRealtimeInfo(tx, user.id),
    };
  });
}

/** One curriculum's page; a 404 (AppError not_found) for another learner's or an unknown id. */
export function loadCurriculumPage(db: TDb, user: TDbUser, id: string) {
  return withUser(db, user, async (tx) => {
    const c = await viewCurriculumOrThrow(tx, { id, userId: user.id }); // read-only: the plan parsed once per version
    // In turn, not Promise.all: one transaction client runs one statement at a time.
    const progress = await getLessonProgress(tx, user.id, id);
    const scores = await getBestScores(tx, id);
    const mastery = masteryByModule(c, await getQuizAnswers(tx, user.id, id), await getLearnerTimeZone(tx, user.id));
    const realtime = await getRealtimeInfo(tx, user.id);
    return { c, progress, scores, mastery, realtime };
  });
}
