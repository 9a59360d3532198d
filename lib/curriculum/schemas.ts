import { z } from 'zod';
import { GOAL_SHAPES } from './atlas/schema';

// One source of truth: the form, the route handlers, the model's structured output, the jsonb column and the UI.

import { LEVELS, MATERIAL_KINDS } from './request-options';

export { LEVELS, MATERIAL_KINDS };
export const LESSON_KINDS = ['read', 'watch', 'practice', 'project'] as const;
export const RESOURCE_TYPES = ['article', 'video', 'docs', 'course', 'book', 'exercise', 'tool'] as const;

const text = (max: number, message = 'This field is required.') =>
  z.string().trim().min(1, message).max(max, `Use at most ${max} characters.`);

export const ZCurriculumRequest = z
  .object({
    goal: text(300, 'Tell us what you want to learn.'),
    level: z.enum(LEVELS, { message: 'Choose your current level.' }),
    background: z.string().trim().max(1000, 'Use at most 1000 characters.').default(''),
    hoursPerWeek: z.coerce
      .number({ message: 'Enter hours per week.' })
      .min(1, 'At least 1 hour a week.')
      .max(60, 'At most 60 hours a week.'),
    timeframe: z.enum(['weeks', 'date']).default('weeks'),
    weeks: z.coerce.number().int('Use whole weeks.').min(1, 'At least 1 week.').max(52, 'At most 52 weeks.').optional(),
    // A calendar date: '2026-02-30' or '2026-13-01' fit a digits pattern but not Date.parse, and the week count
    // (NaN) then failed in the database insert (found by tests/integration/fuzz-routes.test.ts).
    targetDate: z.iso
      .date('Pick a date.')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    materials: z.array(z.enum(MATERIAL_KINDS)).min(1, 'Pick at least one kind of material.'),
    language: text(40, 'Which language should the curriculum be in?').default('English'),
  })
  .superRefine((v, ctx) => {
    if (v.timeframe === 'weeks' && v.weeks === undefined)
      ctx.addIssue({ code: 'custom', path: ['weeks'], message: 'Enter the number of weeks.' });
    if (v.timeframe === 'date' && !v.targetDate) ctx.addIssue({ code: 'custom', path: ['targetDate'], message: 'Pick a target date.' });
  });
export type TCurriculumRequestInput = z.input<typeof ZCurriculumRequest>;
export type TCurriculumRequest = z.output<typeof ZCurriculumRequest>;

/** Weeks in the plan: the number given, or whole weeks from `today` to the target date (at least 1, at most 52). */
export function planWeeks(req: TCurriculumRequest, today: Date): number {
  if (req.timeframe === 'weeks' || !req.targetDate) return req.weeks ?? 4;
  const target = Date.parse(`${req.targetDate}T00:00:00Z`);
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.min(52, Math.max(1, Math.round((target - start) / (7 * 86_400_000))));
}

export const budgetMinutes = (req: TCurriculumRequest, today: Date) => Math.round(req.hoursPerWeek * planWeeks(req, today) * 60);

export const ZResource = z.object({
  title: text(200),
  url: z.string().url().max(500),
  type: z.enum(RESOURCE_TYPES),
});

export const ZLesson = z.object({
  title: text(200),
  kind: z.enum(LESSON_KINDS),
  objectives: z.array(text(300)).min(1).max(6),
  estimatedMinutes: z.number().int().min(5).max(1200),
  resources: z.array(ZResource).max(6),
  /** The plan week (1-based) the lesson is scheduled in. New plans set it on every lesson (the plan linter checks). */
  week: z.number().int().min(1).max(52).optional(),
});

export const ZQuizQuestion = z
  .object({
    question: text(500),
    choices: z.array(text(200)).min(2).max(5),
    answerIndex: z.number().int().min(0),
    explanation: text(600),
    /** Stable id for review and mastery: atlas questions `<subject>/<topic>/<question>`, model questions `m<module>-q<n>`. */
    id: z.string().min(1).max(160).optional(),
    /** The exact text of the module lesson objective this question tests (the plan linter checks it exists). */
    objective: z.string().max(300).optional(),
  })
  .refine((q) => q.answerIndex < q.choices.length, { message: 'answerIndex must point at one of the choices', path: ['answerIndex'] });

export const ZCheckpoint = z.discriminatedUnion('type', [
  z.object({ type: z.literal('quiz'), questions: z.array(ZQuizQuestion).min(3).max(6) }),
  z.object({ type: z.literal('project'), brief: text(800), acceptanceCriteria: z.array(text(300)).min(1).max(8) }),
]);

export const ZModule = z.object({
  title: text(200),
  summary: text(800),
  topics: z.array(text(60)).min(1).max(8),
  estimatedHours: z.number().min(0.1).max(300),
  checkpoint: ZCheckpoint,
  lessons: z.array(ZLesson).min(1).max(12),
});

/** What the plan is and how it was made, shown to the learner ("Matched: Python", "Topics not tailored"). */
export const ZPlanMeta = z.object({
  generator: z.enum(['offline', 'model']),
  shape: z.enum(GOAL_SHAPES),
  /** The atlas subject the goal matched; null when the goal is outside the atlas (topics not tailored, links are searches). */
  subject: z.object({ id: z.string().min(1).max(80), name: z.string().min(1).max(120) }).nullable(),
  /** Language the plan is written in (ISO 639-1, e.g. 'en', 'de', 'es'). */
  language: z.string().min(2).max(12),
  /** The learner asked for a language the planner cannot write; the plan is in English and says so. */
  languageFallback: z.boolean(),
  /** Safety or realism note (fitness, health, finance, unrealistic goals). */
  caveat: z.string().max(800).optional(),
  warnings: z.array(z.string().max(400)).max(6).optional(),
});
export type TPlanMeta = z.infer<typeof ZPlanMeta>;

/** What a generator (the model or the offline planner) produces. */
export const ZCurriculum = z.object({
  title: text(200),
  summary: text(1200),
  prerequisites: z.array(text(300)).max(10),
  outcomes: z.array(text(300)).min(1).max(10),
  modules: z.array(ZModule).min(1).max(20),
  meta: ZPlanMeta.optional(),
});
export type TCurriculum = z.infer<typeof ZCurriculum>;
export type TModule = z.infer<typeof ZModule>;
export type TLesson = z.infer<typeof ZLesson>;
export type TCheckpoint = z.infer<typeof ZCheckpoint>;

// Stored form: stable ids on modules and lessons so progress survives regenerating or extending.
export const ZStoredLesson = ZLesson.extend({ id: z.string().min(1) });
export const ZStoredModule = ZModule.extend({ id: z.string().min(1), lessons: z.array(ZStoredLesson) });
export const ZStoredCurriculum = ZCurriculum.extend({ modules: z.array(ZStoredModule) });
export type TStoredLesson = z.infer<typeof ZStoredLesson>;
export type TStoredModule = z.infer<typeof ZStoredModule>;
export type TStoredCurriculum = z.infer<typeof ZStoredCurriculum>;

export const curriculumMinutes = (c: { modules: { lessons: { estimatedMinutes: number }[] }[] }) =>
  c.modules.reduce((s, m) => s + m.lessons.reduce((t, l) => t + l.estimatedMinutes, 0), 0);

/** Problems a schema cannot express: the time estimate must match the learner's budget within ±10%. */
export function checkBudget(c: TCurriculum, budget: number): string[] {
  const total = curriculumMinutes(c);
  const problems: string[] = [];
  if (Math.abs(total - budget) > budget * 0.1) {
    problems.push(`The lessons add up to ${total} minutes; they must add up to ${budget} minutes (±10%).`);
  }
  c.modules.forEach((m, i) => {
    const mins = m.lessons.reduce((t, l) => t + l.estimatedMinutes, 0);
    if (Math.abs(m.estimatedHours * 60 - mins) > Math.max(30, mins * 0.25)) {
      problems.push(`modules[${i}].estimatedHours (${m.estimatedHours}) does not match its lessons (${mins} minutes).`);
    }
  });
  return problems;
}

export const LESSON_STATUSES = ['not_started', 'in_progress', 'done', 'skipped'] as const;
export const ZLessonStatus = z.enum(LESSON_STATUSES);
export type TLessonStatus = z.infer<typeof ZLessonStatus>;

export const ZLessonUpdate = z
  .object({
    status: ZLessonStatus.optional(),
    addMinutes: z.coerce.number().int().min(1).max(600).optional(),
    notes: z.string().max(5000, 'Use at most 5000 characters.').optional(),
    // A client-chosen key makes retried writes count once.
    idempotencyKey: z.string().min(8).max(100).optional(),
  })
  .refine((v) => v.status || v.addMinutes || v.notes !== undefined, { message: 'Nothing to update.' });
export type TLessonUpdate = z.infer<typeof ZLessonUpdate>;

export const ZQuizSubmission = z.object({ answers: z.array(z.number().int().min(-1).max(10)).min(1).max(6) });

export const CURRICULUM_STATUSES = ['queued', 'generating', 'ready', 'failed'] as const;
export type TCurriculumStatus = (typeof CURRICULUM_STATUSES)[number];
