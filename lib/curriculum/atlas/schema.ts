import { z } from 'zod';

// The subject atlas behind the offline planner (issue #14): curated data files reviewed like code.
// One JSON file per subject under subjects/<domain>/<id>.json, validated by ZAtlasSubject in tests.

export const ATLAS_LANGUAGES = ['en', 'de', 'es'] as const;
export const ATLAS_DOMAINS = [
  'programming',
  'data',
  'cloud',
  'language',
  'math',
  'science',
  'exam',
  'music',
  'art',
  'fitness',
  'business',
  'soft-skills',
  'finance',
  'home',
] as const;
/** The plan's overall form, chosen from the goal (see lib/curriculum/atlas and docs/curricula.md). */
export const GOAL_SHAPES = ['exam', 'language', 'programming', 'training', 'instrument', 'project', 'soft-skill'] as const;
export const ATLAS_LEVELS = ['beginner', 'intermediate', 'advanced'] as const;

/** English is required; German and Spanish translations of learner-facing text. */
export const ZText = z.object({
  en: z.string().trim().min(1).max(400),
  de: z.string().trim().min(1).max(400),
  es: z.string().trim().min(1).max(400),
});

export const ZAtlasQuestion = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    /** The objective (id within the topic) the question tests. */
    objective: z.string(),
    prompt: z.string().trim().min(8).max(400),
    /** Exactly four options; plausible distractors, no "all of the above". The planner shuffles them per learner. */
    options: z.array(z.string().trim().min(1).max(200)).length(4),
    answer: z.number().int().min(0).max(3),
    explanation: z.string().trim().min(8).max(500),
  })
  .refine((q) => new Set(q.options.map((o) => o.toLowerCase())).size === 4, { message: 'Options must differ.' });

export const ZAtlasTopic = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: ZText,
  /** The lowest learner level that starts with this topic (beginner topics are skipped by advanced learners unless they are prerequisites). */
  level: z.enum(ATLAS_LEVELS),
  /** Typical hours to learn the topic, by the learner's level. */
  hours: z.object({
    beginner: z.number().positive().max(200),
    intermediate: z.number().positive().max(200),
    advanced: z.number().positive().max(200),
  }),
  /** Topic ids (same subject) that must come first. */
  prereqs: z.array(z.string()),
  /** The subject's real concepts this topic teaches (English terms, e.g. "list comprehension", "VPC peering"). */
  concepts: z.array(z.string().trim().min(2).max(80)).min(2).max(12),
  /** Concrete, checkable objectives ("Write a function that…", "Order a meal in the past tense…"). */
  objectives: z
    .array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/) }).and(ZText))
    .min(2)
    .max(6),
  /** What a practice session on this topic looks like (a concrete exercise, a run, a piece, a drill). */
  practice: ZText,
  /** Background words that mean the learner already knows this topic ("python", "sql joins"), lower case. */
  knownBy: z.array(z.string().trim().toLowerCase()).default([]),
  questions: z.array(ZAtlasQuestion).min(3).max(8),
});

export const ZAtlasResource = z.object({
  title: z.string().trim().min(2).max(200),
  /** A stable homepage (official docs, exam guide, standards body) — never an invented deep link. */
  url: z.url().refine((u) => u.startsWith('https://'), 'Use https.'),
  kind: z.enum(['docs', 'exam-guide', 'standard', 'course', 'book', 'tool', 'community']),
});

export const ZAtlasSubject = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: ZText,
  domain: z.enum(ATLAS_DOMAINS),
  shape: z.enum(GOAL_SHAPES),
  /** Ways people name the subject in a goal, in English, German and Spanish, lower case. */
  aliases: z.array(z.string().trim().toLowerCase().min(2).max(80)).min(3),
  resources: z.array(ZAtlasResource).min(2).max(8),
  /** Safety or realism note shown with the plan (fitness, finance, health), if any. */
  caveat: ZText.optional(),
  topics: z.array(ZAtlasTopic).min(5).max(16),
});

export type TAtlasSubject = z.infer<typeof ZAtlasSubject>;
export type TAtlasTopic = z.infer<typeof ZAtlasTopic>;
export type TAtlasQuestion = z.infer<typeof ZAtlasQuestion>;
export type TGoalShape = (typeof GOAL_SHAPES)[number];
