import { z } from 'zod';
import { ZStoredCurriculum, ZStoredModule, type TStoredCurriculum, type TStoredModule } from './schemas';

// What the browser may see of a plan before a quiz is submitted: the questions and their choices, never
// the answer or its explanation (those come back only with a scored submission).

const ZPublicQuestion = z.object({ question: z.string(), choices: z.array(z.string()) }).strict();
const ZPublicCheckpoint = z.discriminatedUnion('type', [
  z.object({ type: z.literal('quiz'), questions: z.array(ZPublicQuestion) }),
  ZStoredModule.shape.checkpoint.options[1],
]);
export const ZPublicModule = ZStoredModule.extend({ checkpoint: ZPublicCheckpoint });
export const ZPublicCurriculum = ZStoredCurriculum.extend({ modules: z.array(ZPublicModule) });
export type TPublicModule = z.infer<typeof ZPublicModule>;
export type TPublicCurriculum = z.infer<typeof ZPublicCurriculum>;

export function moduleWithoutAnswers(m: TStoredModule): TPublicModule {
  const checkpoint =
    m.checkpoint.type === 'quiz'
      ? { type: 'quiz' as const, questions: m.checkpoint.questions.map((q) => ({ question: q.question, choices: q.choices })) }
      : m.checkpoint;
  return { ...m, checkpoint };
}

export const curriculumWithoutAnswers = (c: TStoredCurriculum): TPublicCurriculum => ({
  ...c,
  modules: c.modules.map(moduleWithoutAnswers),
});
