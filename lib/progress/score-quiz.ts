import { choiceOrder, originalIndex, questionIdOf, shownIndex } from '@/lib/curriculum/quiz-order';

export type TQuizQuestionLike = { choices: string[]; answerIndex: number; explanation: string };
export type TQuizResult = { score: number; total: number; results: { correct: boolean; answerIndex: number; explanation: string }[] };

/** Pure: the 0-based numbers of the questions with no valid choice (missing, -1 or out of range). */
export function unansweredQuestions(questions: Pick<TQuizQuestionLike, 'choices'>[], answers: number[]): number[] {
  return questions.flatMap((q, i) => {
    const a = answers[i];
    return Number.isInteger(a) && a >= 0 && a < q.choices.length ? [] : [i];
  });
}

/** Pure: one point per right answer. Callers refuse incomplete answers first (see unansweredQuestions). */
export function scoreQuiz(questions: TQuizQuestionLike[], answers: number[]): TQuizResult {
  const results = questions.map((q, i) => ({
    correct: answers[i] === q.answerIndex,
    answerIndex: q.answerIndex,
    explanation: q.explanation,
  }));
  return { score: results.filter((r) => r.correct).length, total: questions.length, results };
}

/**
 * Pure: scores answers given as the positions `userId` saw (choices shuffled per learner and question): maps them back
 * to the original choices, scores, and reports each right answer at the position the learner saw it.
 */
export function scoreShownQuiz(
  userId: string,
  moduleId: string,
  questions: (TQuizQuestionLike & { id?: string; question: string })[],
  shownAnswers: number[],
): TQuizResult & { questionIds: string[] } {
  const orders = questions.map((q) => choiceOrder(userId, questionIdOf(moduleId, q), q.choices.length));
  const result = scoreQuiz(
    questions,
    shownAnswers.map((a, i) => originalIndex(orders[i], a)),
  );
  return {
    ...result,
    results: result.results.map((r, i) => ({ ...r, answerIndex: shownIndex(orders[i], r.answerIndex) })),
    questionIds: questions.map((q) => questionIdOf(moduleId, q)),
  };
}
