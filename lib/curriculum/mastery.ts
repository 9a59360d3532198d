import { dayKey } from '@/lib/progress/compute-progress';

// Pure: the review schedule and mastery from a learner's quiz answers over time (docs/curricula.md, "Mastery").
//
// Leitner boxes, one per question:
// - A question enters at its first answer: right → box 2, wrong → box 1.
// - Wrong always sends it back to box 1.
// - Right moves it one box up (at most box 5) when it was due (its due day has come), or when the answer before was
//   wrong. A right answer to a question that is not due and was right last time leaves the box as it is, so repeating a
//   quiz the same day cannot climb the boxes (no cramming).
// - The question is due again BOX_INTERVAL_DAYS[box] days after the day of its last answer: a wrong answer comes back
//   the next day. Days are the learner's calendar days in their time zone.
// Mastery: a question's recall estimate is BOX_ESTIMATE[box] (0 before any answer). An objective's estimate is the
// mean over the questions that test it; it is mastered when every one of them is in box MASTERED_BOX or higher
// (right at least twice in a row, the second time when due — i.e. on a later day).

export const BOXES = [1, 2, 3, 4, 5] as const;
export type TBox = (typeof BOXES)[number];
/** Days until a question in each box is due again (index = box). */
export const BOX_INTERVAL_DAYS: Record<TBox, number> = { 1: 1, 2: 3, 3: 7, 4: 16, 5: 35 };
/** Estimated chance of recalling a question in each box (index = box). */
export const BOX_ESTIMATE: Record<TBox, number> = { 1: 0.1, 2: 0.35, 3: 0.6, 4: 0.8, 5: 0.95 };
export const MASTERED_BOX: TBox = 3;

export type TAnswerEvent = { questionId: string; correct: boolean; answeredAt: string };
export type TQuestionState = {
  questionId: string;
  box: TBox;
  answers: number;
  lastCorrect: boolean;
  /** The learner's day of the last answer (YYYY-MM-DD). */
  lastDay: string;
  /** The first learner day the question is due for review. */
  dueDay: string;
};

const DAY = 86_400_000;
export const addDays = (key: string, n: number) => new Date(Date.parse(`${key}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** One question's box and due day after its answers (in any order; they are replayed by time). Null when never answered. */
export function replayQuestion(events: TAnswerEvent[], timeZone = 'UTC'): TQuestionState | null {
  if (!events.length) return null;
  const sorted = [...events].sort((a, b) => Date.parse(a.answeredAt) - Date.parse(b.answeredAt));
  let state = null as TQuestionState | null;
  for (const e of sorted) {
    const day = dayKey(e.answeredAt, timeZone);
    const prev: TQuestionState | null = state;
    let box: TBox;
    if (!e.correct) box = 1;
    else if (!prev) box = 2;
    else if (!prev.lastCorrect || day >= prev.dueDay) box = Math.min(5, prev.box + 1) as TBox;
    else box = prev.box;
    state = {
      questionId: e.questionId,
      box,
      answers: (prev?.answers ?? 0) + 1,
      lastCorrect: e.correct,
      lastDay: day,
      dueDay: addDays(day, BOX_INTERVAL_DAYS[box]),
    };
  }
  return state;
}

/** Every answered question's state, keyed by question id. */
export function questionStates(events: TAnswerEvent[], timeZone = 'UTC'): Map<string, TQuestionState> {
  const byQuestion = new Map<string, TAnswerEvent[]>();
  for (const e of events) byQuestion.set(e.questionId, [...(byQuestion.get(e.questionId) ?? []), e]);
  const states = new Map<string, TQuestionState>();
  for (const [id, list] of byQuestion) states.set(id, replayQuestion(list, timeZone)!);
  return states;
}

export const questionEstimate = (s: TQuestionState | null | undefined): number => (s ? BOX_ESTIMATE[s.box] : 0);
export const isQuestionMastered = (s: TQuestionState | null | undefined): boolean => !!s && s.box >= MASTERED_BOX;

/** A module's quiz as mastery needs it: each question's id and the objective it tests (null for old plans). */
export type TQuizItem = { questionId: string; objective: string | null };

export type TObjectiveMastery = { objective: string; estimate: number; mastered: boolean; questions: number };
export type TModuleMastery = {
  /** Objectives the quiz tests (old plans whose questions name no objective count each question on its own). */
  objectives: TObjectiveMastery[];
  mastered: number;
  total: number;
  /** Mean estimate over the objectives, 0–100 (whole percent). */
  percent: number;
  /** True when the questions name their objectives; false for old plans, where the unit is the question. */
  byObjective: boolean;
  answered: boolean;
};

export function moduleMastery(items: TQuizItem[], states: Map<string, TQuestionState>): TModuleMastery {
  const groups = new Map<string, string[]>();
  for (const q of items) {
    const key = q.objective ?? `question:${q.questionId}`;
    groups.set(key, [...(groups.get(key) ?? []), q.questionId]);
  }
  const objectives = [...groups].map(([objective, ids]) => {
    const estimate = ids.reduce((s, id) => s + questionEstimate(states.get(id)), 0) / ids.length;
    return { objective, estimate, mastered: ids.every((id) => isQuestionMastered(states.get(id))), questions: ids.length };
  });
  const total = objectives.length;
  return {
    objectives,
    mastered: objectives.filter((o) => o.mastered).length,
    total,
    percent: total ? Math.round((objectives.reduce((s, o) => s + o.estimate, 0) / total) * 100) : 0,
    byObjective: items.length > 0 && items.every((q) => q.objective !== null),
    answered: items.some((q) => states.has(q.questionId)),
  };
}

/** Questions due on `today` or earlier (the learner's day), oldest due first, then by id for a stable order. */
export function dueForReview<T extends { dueDay: string; questionId: string }>(items: T[], today: string): T[] {
  return items
    .filter((s) => s.dueDay <= today)
    .sort((a, b) => (a.dueDay === b.dueDay ? a.questionId.localeCompare(b.questionId) : a.dueDay.localeCompare(b.dueDay)));
}
