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
