import 'server-only';
import { getCurriculumOrThrow } from '@/lib/curriculum/get-curriculum';
import { replayQuestion, type TQuestionState } from '@/lib/curriculum/mastery';
import { choiceOrder, originalIndex, questionIdOf, shownIndex } from '@/lib/curriculum/quiz-order';
import { withUser, type TDb, type TDbUser, type TUserTx } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { announce } from '@/lib/realtime/publish-event';
import { getLearnerTimeZone } from './get-progress';
import { recordAnswers } from './quiz-history';

export type TReviewResult = {
  correct: boolean;
  /** The right answer at the position the learner saw it. */
  answerIndex: number;
  explanation: string;
  box: TQuestionState['box'];
  dueDay: string;
};

/**
 * Answers one question in Review: only a question the learner has answered before (in its checkpoint) is in their
 * reviews. The answer is the position the learner saw; it is recorded, and the question's new box and due day are
 * returned. Which questions are due is the page's business (the device's day); the box moves only as the Leitner rule
 * allows, so answering early cannot climb it (lib/curriculum/mastery.ts).
 */
export async function answerReview(
  tx: TUserTx,
  o: { userId: string; curriculumId: string; questionId: string; answer: number },
): Promise<TReviewResult> {
  const c = await getCurriculumOrThrow(tx, { id: o.curriculumId, userId: o.userId });
  const found = c.plan?.modules
    .flatMap((m) => (m.checkpoint.type === 'quiz' ? m.checkpoint.questions.map((q) => ({ m, q })) : []))
    .find(({ m, q }) => questionIdOf(m.id, q) === o.questionId);
  if (!found) throw new AppError('not_found', 'This question is not in the curriculum.');
  const { m, q } = found;
  const { rows: before } = await tx.query<{ correct: boolean; answered_at: Date }>(
    'select correct, answered_at from public.quiz_answers where user_id = $1 and curriculum_id = $2 and question_id = $3',
    [o.userId, o.curriculumId, o.questionId],
  );
  if (!before.length)
    throw new AppError('conflict', 'Take this module’s checkpoint first: only questions you have answered come back for review.');
  const order = choiceOrder(o.userId, o.questionId, q.choices.length);
  const chosen = originalIndex(order, o.answer);
  if (chosen < 0) throw new AppError('unprocessable', 'Choose one of the answers.', { answer: 'Choose one of the answers.' });
  const correct = chosen === q.answerIndex;
  await recordAnswers(tx, {
    userId: o.userId,
    curriculumId: o.curriculumId,
    moduleId: m.id,
    source: 'review',
    answers: [{ questionId: o.questionId, objective: q.objective ?? null, correct }],
  });
  const timeZone = await getLearnerTimeZone(tx, o.userId);
  const state = replayQuestion(
    [
      ...before.map((r) => ({ questionId: o.questionId, correct: r.correct, answeredAt: new Date(r.answered_at).toISOString() })),
      { questionId: o.questionId, correct, answeredAt: new Date().toISOString() },
    ],
    timeZone,
  )!;
  return { correct, answerIndex: shownIndex(order, q.answerIndex), explanation: q.explanation, box: state.box, dueDay: state.dueDay };
}

/** POST /api/curricula/:id/review: answers as the learner, then (once committed) tells their other tabs. */
export async function answerReviewFor(db: TDb, user: TDbUser, o: { curriculumId: string; questionId: string; answer: number }) {
  const result = await withUser(db, user, (tx) => answerReview(tx, { userId: user.id, ...o }));
  await announce(db, user.id, 'progress.updated', { curriculumId: o.curriculumId, review: o.questionId });
  return result;
}
