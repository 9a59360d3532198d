// Pure: stable question ids and the per-learner order of a question's choices. No I/O, no Node APIs: the same
// functions run on the server (rendering, scoring) and in tests.

type TQuestionLike = { question: string; id?: string };

/** FNV-1a, 32 bits: a small, stable string hash (not for secrets — only to seed an order and name old questions). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The question's stable id: its own (`<subject>/<topic>/<question>` from the atlas, `m<module>-q<n>` from the model),
 * else, for plans made before questions had ids, one derived from the module id and the question's text.
 */
export function questionIdOf(moduleId: string, q: TQuestionLike): string {
  return q.id ?? `${moduleId}/q-${hashString(`${moduleId}\n${q.question}`).toString(36)}`;
}

/** mulberry32: a seeded generator of numbers in [0, 1). */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
