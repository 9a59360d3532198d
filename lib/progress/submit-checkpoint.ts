import 'server-only';
import { getCurriculumOrThrow } from '@/lib/curriculum/get-curriculum';
import { withUser, type TDb, type TDbUser, type TUserTx } from '@/lib/db';
import { announce } from '@/lib/realtime/publish-event';
import { AppError } from '@/lib/http/app-error';
import { recordAnswers } from './quiz-history';
import { scoreShownQuiz, unansweredQuestions, type TQuizResult } from './score-quiz';

/**
 * Scores a checkpoint quiz, keeps the best score and records each answer in the learner's answer history (review
 * schedule and mastery). Answers are the positions the learner saw (choices are shuffled per learner); results give the
 * right answer at the learner's position. An incomplete submission is refused (422 naming the unanswered questions)
 * before anything is scored or stored: the answers are revealed only with a result.
 */
export async function submitCheckpoint(
  tx: TUserTx,
  o: { userId: string; curriculumId: string; moduleId: string; answers: number[] },
): Promise<TQuizResult & { best: number }> {
  const c = await getCurriculumOrThrow(tx, { id: o.curriculumId, userId: o.userId });
  const m = c.plan?.modules.find((x) => x.id === o.moduleId);
  if (!m) throw new AppError('not_found', 'This module is not in the curriculum.');
  if (m.checkpoint.type !== 'quiz') throw new AppError('unprocessable', 'This checkpoint is a project, not a quiz.');
  const questions = m.checkpoint.questions;
  const missing = unansweredQuestions(questions, o.answers);
  if (missing.length || o.answers.length !== questions.length) {
    const list = missing.map((i) => i + 1).join(', ');
    throw new AppError(
      'unprocessable',
      missing.length
        ? `Answer every question first — question${missing.length === 1 ? '' : 's'} ${list} ${missing.length === 1 ? 'has' : 'have'} no answer.`
        : 'Send one answer per question.',
      Object.fromEntries(missing.map((i) => [`answers.${i}`, 'Choose an answer.'])),
    );
  }
  const { questionIds, ...result } = scoreShownQuiz(o.userId, m.id, questions, o.answers);
  await recordAnswers(tx, {
    userId: o.userId,
    curriculumId: o.curriculumId,
    moduleId: m.id,
    source: 'checkpoint',
    answers: questions.map((q, i) => ({ questionId: questionIds[i], objective: q.objective ?? null, correct: result.results[i].correct })),
  });
  const { rows } = await tx.query<{ best_score: number }>(
    `insert into public.checkpoint_scores (curriculum_id, module_id, user_id, best_score, total) values ($1, $2, $3, $4, $5)
     on conflict (curriculum_id, module_id) do update set best_score = greatest(checkpoint_scores.best_score, excluded.best_score),
       total = excluded.total, attempts = checkpoint_scores.attempts + 1, updated_at = now()
     returning best_score`,
    [o.curriculumId, o.moduleId, o.userId, result.score, result.total],
  );
  return { ...result, best: rows[0].best_score };
}

/** POST /api/curricula/:id/modules/:moduleId/checkpoint: scores as the learner, then (once committed) tells their other tabs. */
export async function submitCheckpointFor(db: TDb, user: TDbUser, o: { curriculumId: string; moduleId: string; answers: number[] }) {
  const result = await withUser(db, user, (tx) => submitCheckpoint(tx, { userId: user.id, ...o }));
  await announce(db, user.id, 'progress.updated', { curriculumId: o.curriculumId, moduleId: o.moduleId, best: result.best });
  return result;
}
