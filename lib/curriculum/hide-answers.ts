import { z } from 'zod';
import { choiceOrder, questionIdOf, shuffledChoices } from './quiz-order';
import { ZStoredCurriculum, ZStoredModule, type TStoredCurriculum, type TStoredModule } from './schemas';

// What the browser may see of a plan before a quiz is submitted: the questions (with their stable id) and their
// choices in the learner's own order (seeded by learner and question, lib/curriculum/quiz-order.ts), never the
// answer or its explanation (those come back only with a scored submission). Scoring maps the positions back.

const ZPublicQuestion = z.object({ id: z.string(), question: z.string(), choices: z.array(z.string()) }).strict();
const ZPublicCheckpoint = z.discriminatedUnion('type', [
  z.object({ type: z.literal('quiz'), questions: z.array(ZPublicQuestion) }),
  ZStoredModule.shape.checkpoint.options[1],
]);
export const ZPublicModule = ZStoredModule.extend({ checkpoint: ZPublicCheckpoint });
export const ZPublicCurriculum = ZStoredCurriculum.extend({ modules: z.array(ZPublicModule) });
export type TPublicModule = z.infer<typeof ZPublicModule>;
export type TPublicCurriculum = z.infer<typeof ZPublicCurriculum>;
export type TPublicQuestion = z.infer<typeof ZPublicQuestion>;

/** One question as `userId` sees it: id, text, choices in their order. */
export function publicQuestion(userId: string, moduleId: string, q: { id?: string; question: string; choices: string[] }): TPublicQuestion {
  const id = questionIdOf(moduleId, q);
  return { id, question: q.question, choices: shuffledChoices(q.choices, choiceOrder(userId, id, q.choices.length)) };
}

export function moduleWithoutAnswers(m: TStoredModule, userId: string): TPublicModule {
  const checkpoint =
    m.checkpoint.type === 'quiz'
      ? { type: 'quiz' as const, questions: m.checkpoint.questions.map((q) => publicQuestion(userId, m.id, q)) }
      : m.checkpoint;
  return { ...m, checkpoint };
}

export const curriculumWithoutAnswers = (c: TStoredCurriculum, userId: string): TPublicCurriculum => ({
  ...c,
  modules: c.modules.map((m) => moduleWithoutAnswers(m, userId)),
});
