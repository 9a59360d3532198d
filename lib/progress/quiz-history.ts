import 'server-only';
import type { TCurriculumRow } from '@/lib/curriculum/get-curriculum';
import { publicQuestion } from '@/lib/curriculum/hide-answers';
import {
  addDays,
  moduleMastery,
  questionStates,
  type TAnswerEvent,
  type TModuleMastery,
  type TQuestionState,
  type TQuizItem,
} from '@/lib/curriculum/mastery';
import { questionIdOf } from '@/lib/curriculum/quiz-order';
import type { TStoredModule } from '@/lib/curriculum/schemas';
import type { TUserTx } from '@/lib/db';

// The answer history (public.quiz_answers) and what is read from it: Leitner state per question, mastery per
// module, and the questions to review (lib/curriculum/mastery.ts has the model).

export type TStoredAnswer = TAnswerEvent & { curriculumId: string; moduleId: string };

export async function recordAnswers(
  tx: TUserTx,
  o: {
    userId: string;
    curriculumId: string;
    moduleId: string;
    source: 'checkpoint' | 'review';
    answers: { questionId: string; objective: string | null; correct: boolean }[];
  },
): Promise<void> {
  // One statement for the whole quiz (unnest), so a checkpoint's answers share one instant.
  await tx.query(
    `insert into public.quiz_answers (user_id, curriculum_id, module_id, question_id, objective, correct, source)
     select $1, $2, $3, q, o, c, $4 from unnest($5::text[], $6::text[], $7::boolean[]) as t(q, o, c)`,
    [
      o.userId,
      o.curriculumId,
      o.moduleId,
      o.source,
      o.answers.map((a) => a.questionId),
      o.answers.map((a) => a.objective),
      o.answers.map((a) => a.correct),
    ],
  );
}

export async function getQuizAnswers(tx: TUserTx, userId: string, curriculumId?: string): Promise<TStoredAnswer[]> {
  const { rows } = await tx.query<{ curriculum_id: string; module_id: string; question_id: string; correct: boolean; answered_at: Date }>(
    `select curriculum_id, module_id, question_id, correct, answered_at from public.quiz_answers
      where user_id = $1 and ($2::uuid is null or curriculum_id = $2::uuid) order by answered_at`,
    [userId, curriculumId ?? null],
  );
  return rows.map((r) => ({
    curriculumId: r.curriculum_id,
    moduleId: r.module_id,
    questionId: r.question_id,
    correct: r.correct,
    answeredAt: new Date(r.answered_at).toISOString(),
  }));
}

/** The quiz of a module as mastery counts it (empty for a project checkpoint). */
export const quizItems = (m: TStoredModule): TQuizItem[] =>
  m.checkpoint.type === 'quiz'
    ? m.checkpoint.questions.map((q) => ({ questionId: questionIdOf(m.id, q), objective: q.objective ?? null }))
    : [];

/** Mastery of every module of a plan, keyed by module id (modules with a project checkpoint have total 0). */
export function masteryByModule(c: TCurriculumRow, answers: TStoredAnswer[], timeZone: string): Record<string, TModuleMastery> {
  const states = questionStates(
    answers.filter((a) => a.curriculumId === c.id),
    timeZone,
  );
  return Object.fromEntries((c.plan?.modules ?? []).map((m) => [m.id, moduleMastery(quizItems(m), states)]));
}

export type TReviewItem = {
  curriculumId: string;
  curriculumTitle: string;
  moduleId: string;
  moduleTitle: string;
  questionId: string;
  question: string;
  choices: string[];
  box: TQuestionState['box'];
  dueDay: string;
};

/** How far ahead of the server's day review items are sent: the page decides what is due by the device's day. */
export const REVIEW_AHEAD_DAYS = 7;
export const REVIEW_ITEMS_MAX = 30;

/**
 * Questions due for review by `today` + REVIEW_AHEAD_DAYS, oldest due first, with their choices in the learner's order
 * (no answers). The page lists those due on the device's day (see docs/curricula.md, "Review").
 */
export function reviewItems(
  userId: string,
  curricula: TCurriculumRow[],
  answers: TStoredAnswer[],
  timeZone: string,
  today: string,
): TReviewItem[] {
  const horizon = addDays(today, REVIEW_AHEAD_DAYS);
  const items: TReviewItem[] = [];
  for (const c of curricula) {
    if (!c.plan) continue;
    const states = questionStates(
      answers.filter((a) => a.curriculumId === c.id),
      timeZone,
    );
    if (!states.size) continue;
    // A question can sit in several modules' checkpoints (the planner reuses bank questions in reviews and the final
    // assessment): it is one card with one schedule, listed once.
    const listed = new Set<string>();
    for (const m of c.plan.modules) {
      if (m.checkpoint.type !== 'quiz') continue;
      for (const q of m.checkpoint.questions) {
        const id = questionIdOf(m.id, q);
        const s = states.get(id);
        if (!s || s.dueDay > horizon || listed.has(id)) continue;
        listed.add(id);
        const pq = publicQuestion(userId, m.id, q);
        items.push({
          curriculumId: c.id,
          curriculumTitle: c.plan.title,
          moduleId: m.id,
          moduleTitle: m.title,
          questionId: pq.id,
          question: pq.question,
          choices: pq.choices,
          box: s.box,
          dueDay: s.dueDay,
        });
      }
    }
  }
  return items
    .sort((a, b) => (a.dueDay === b.dueDay ? a.questionId.localeCompare(b.questionId) : a.dueDay.localeCompare(b.dueDay)))
    .slice(0, REVIEW_ITEMS_MAX);
}
