export type TQuizQuestionLike = { answerIndex: number; explanation: string };
export type TQuizResult = { score: number; total: number; results: { correct: boolean; answerIndex: number; explanation: string }[] };

/** Pure: one point per right answer; unanswered (-1 or missing) counts as wrong. */
export function scoreQuiz(questions: TQuizQuestionLike[], answers: number[]): TQuizResult {
  const results = questions.map((q, i) => ({ correct: answers[i] === q.answerIndex, answerIndex: q.answerIndex, explanation: q.explanation }));
  return { score: results.filter((r) => r.correct).length, total: questions.length, results };
}
