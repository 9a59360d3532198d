// Pure: stable question ids and the per-learner order of a question's choices. No I/O, no Node APIs: the same
// functions run on the server (rendering, scoring) and in tests.

import { hashString, seededRandom } from './planner/random';

type TQuestionLike = { question: string; id?: string };

/**
 * The question's stable id: its own (`<subject>/<topic>/<question>` from the atlas, `m<module>-q<n>` from the model),
 * else, for plans made before questions had ids, one derived from the module id and the question's text.
 */
export function questionIdOf(moduleId: string, q: TQuestionLike): string {
  return q.id ?? `${moduleId}/q-${hashString(`${moduleId}\n${q.question}`).toString(36)}`;
}

/**
 * The order one learner sees a question's `n` choices in: `order[shown] = original index`. Seeded by the learner and
 * the question, so it is the same on every visit and in scoring, and differs between learners and questions.
 */
export function choiceOrder(userId: string, questionId: string, n: number): number[] {
  const random = seededRandom(hashString(`${userId}|${questionId}`));
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** The choices in the learner's order. */
export const shuffledChoices = <T>(choices: T[], order: number[]): T[] => order.map((i) => choices[i]);

/** A shown position back to the original index (-1 for no answer or a position that does not exist). */
export const originalIndex = (order: number[], shown: number): number => (shown >= 0 && shown < order.length ? order[shown] : -1);

/** An original index to the position the learner saw it at. */
export const shownIndex = (order: number[], original: number): number => order.indexOf(original);
