import { z } from 'zod';
import { GOAL_SHAPES } from './atlas/schema';
import { LESSON_KINDS, RESOURCE_TYPES, type TModule } from './schemas';
import { isWebUrl, searchLinkFor } from './search-link';

// What the model is asked to write, separate from what is stored: strict structured outputs need every
// property required (optional → nullable) and no additional properties, and the model does no arithmetic
// (no hours, no totals, no week numbers: lib/curriculum/pace-plan.ts computes them). Bounds on lengths are
// checked here on the server; the JSON schema sent to the model keeps only what strict mode supports.

const str = (max: number) => z.string().trim().min(1).max(max);

export const ZModelOutline = z.object({
  title: str(200),
  summary: str(1200),
  /** ISO 639-1 code of the language the plan is written in. */
  language: z.string().regex(/^[a-z]{2}$/),
  /** The model's reading of the goal's shape; the atlas matcher's wins when it has one. */
  shape: z.enum(GOAL_SHAPES),
  prerequisites: z.array(str(300)).max(10),
  outcomes: z.array(str(300)).min(1).max(10),
  modules: z
    .array(
      z.object({
        title: str(200),
        summary: str(800),
        topics: z.array(str(60)).min(1).max(8),
        /** Relative size: how many weeks this module deserves. The server turns it into minutes and week numbers. */
        weeks: z.number().min(0.25).max(52),
        checkpoint: z.enum(['quiz', 'project']),
      }),
    )
    .min(1)
    .max(20),
  /** Plain statements when the goal is unrealistic at this pace, or the plan had to leave something out. */
  warnings: z.array(str(400)).max(6),
  /** A health, safety or money note when the goal touches those; null otherwise. */
  caveat: str(800).nullable(),
});
export type TModelOutline = z.infer<typeof ZModelOutline>;

export const ZModelModule = z.object({
  title: str(200),
  summary: str(800),
  topics: z.array(str(60)).min(1).max(8),
  lessons: z
    .array(
      z.object({
        title: str(200),
        kind: z.enum(LESSON_KINDS),
        objectives: z.array(str(300)).min(1).max(6),
        /** A rough size; the server scales every lesson to the module's share of the budget. */
        minutes: z.number().int().min(1).max(100_000),
        resources: z.array(z.object({ title: str(200), url: str(500), type: z.enum(RESOURCE_TYPES) })).max(6),
      }),
    )
    .min(1)
    .max(12),
  checkpoint: z.object({
    type: z.enum(['quiz', 'project']),
    questions: z
      .array(
        z.object({
          question: str(500),
          choices: z.array(str(200)).min(2).max(5),
          answerIndex: z.number().int().min(0).max(4),
          explanation: str(600),
          /** The exact text of the lesson objective this question tests. */
          objective: str(300),
        }),
      )
      .max(6)
      .nullable(),
    brief: str(800).nullable(),
    acceptanceCriteria: z.array(str(300)).max(8).nullable(),
  }),
});
export type TModelModule = z.infer<typeof ZModelModule>;

// Strict mode accepts these keywords only (OpenAI "Supported schemas"); lengths are checked on the server.
const DROP = new Set(['$schema', 'minLength', 'maxLength']);

/** A strict JSON schema for a model-facing zod schema; throws if an object has an optional property. */
export function toStrictJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const clean = (node: unknown, path: string): unknown => {
    if (Array.isArray(node)) return node.map((n, i) => clean(n, `${path}[${i}]`));
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (DROP.has(k)) continue;
      if ((k === 'maximum' && v === Number.MAX_SAFE_INTEGER) || (k === 'minimum' && v === Number.MIN_SAFE_INTEGER)) continue;
      out[k] =
        k === 'properties'
          ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, clean(s, `${path}.${p}`)]))
          : clean(v, `${path}.${k}`);
    }
    if (out.type === 'object' || (Array.isArray(out.type) && out.type.includes('object'))) {
      const keys = Object.keys((out.properties as object) ?? {});
      const required = new Set((out.required as string[]) ?? []);
      const missing = keys.filter((key) => !required.has(key));
      if (missing.length)
        throw new Error(`Strict schema: ${path || '(root)'} has optional properties ${missing.join(', ')}; use .nullable()`);
      out.additionalProperties = false;
    }
    return out;
  };
  return clean(z.toJSONSchema(schema, { target: 'draft-7', io: 'output' }), '') as Record<string, unknown>;
}

/**
 * The stored module shape from the model's: quiz or project checkpoint from the flat checkpoint object,
 * question ids `m<module>-q<n>`, rough lesson minutes (paced later), hours left to pacing. Returns the
 * problems instead when the checkpoint does not hold together.
 */
export function toModule(m: TModelModule, moduleNumber: number): { ok: true; module: TModule } | { ok: false; problems: string[] } {
  const c = m.checkpoint;
  let checkpoint: TModule['checkpoint'];
  const problems: string[] = [];
  if (c.type === 'quiz') {
    const questions = c.questions ?? [];
    if (questions.length < 3) problems.push('checkpoint.questions: a quiz needs 3 to 6 questions.');
    questions.forEach((q, i) => {
      if (q.answerIndex >= q.choices.length) problems.push(`checkpoint.questions[${i}].answerIndex must point at one of its choices.`);
    });
    checkpoint = {
      type: 'quiz',
      questions: questions.map((q, i) => ({ ...q, id: `m${moduleNumber}-q${i + 1}` })),
    };
  } else {
    if (!c.brief) problems.push('checkpoint.brief: a project needs a brief.');
    if (!c.acceptanceCriteria?.length) problems.push('checkpoint.acceptanceCriteria: a project needs 1 to 8 criteria.');
    checkpoint = { type: 'project', brief: c.brief ?? '', acceptanceCriteria: c.acceptanceCriteria ?? [] };
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    module: {
      title: m.title,
      summary: m.summary,
      topics: m.topics,
      estimatedHours: 0.1, // set by pacing
      checkpoint,
      lessons: m.lessons.map((l) => ({
        title: l.title,
        kind: l.kind,
        objectives: l.objectives,
        estimatedMinutes: l.minutes,
        resources: l.resources.map((r) => (isWebUrl(r.url) ? r : searchLinkFor(r))),
      })),
    },
  };
}
