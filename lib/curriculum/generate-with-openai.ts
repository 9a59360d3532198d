import type OpenAI from 'openai';
import type { z } from 'zod';
import { createLinkChecker, type TCheckLinksOptions } from './check-links';
import { toModule, toStrictJsonSchema, ZModelModule, ZModelOutline, type TModelOutline } from './model-schemas';
import { moduleMinutes, moduleTargets, paceModule, weekAt, withWeeks, type TWeekFrame } from './pace-plan';
import { lintPlan } from './lint-plan';
import { buildModuleMessages, buildOutlineMessages, digestOf, type TGoalShape, type TPlanDigest } from './prompt';
import { ZCurriculum, ZModule, type TCurriculum, type TCurriculumRequest, type TModule } from './schemas';

export type TGenerateContext = {
  budgetMinutes: number;
  weeks: number;
  /** Called the moment a module is complete (in order). */
  onModule?: (module: TModule, index: number) => Promise<void> | void;
  /** Called before a second attempt streams its modules from the start (a one-call generator). */
  onRestart?: (reason: string) => Promise<void> | void;
  /** Called once the outline is known, with the number of modules to come. */
  onOutline?: (modules: number) => Promise<void> | void;
  /** Extend and Regenerate: the plan so far, so the model builds on it instead of repeating it. */
  existing?: TPlanDigest;
  /** Extend: the week the new modules start in (default 1). */
  firstWeek?: number;
  /** Called with each model call's tokens as it ends (so a failed generation's calls are counted too). */
  onTokens?: (tokens: number) => void;
  /** Tokens this generation may use (the learner's daily budget left); no further call starts once they are used. */
  tokenBudget?: number;
  /** Regenerate: write module `index` of `existing` again (one module call, no outline). */
  regenerate?: { index: number; checkpoint?: 'quiz' | 'project' };
};
export type TGenerated = { curriculum: TCurriculum; tokens: number };

/** A plan linter: the problems of a plan, [] when it is fine (lintPlan by default). */
export type TPlanLint = (plan: TCurriculum, o: { budgetMinutes: number; goal?: string; language?: string }) => string[];

/** The atlas matcher's answer for a goal: its shape, and the subject when the goal is in the atlas. */
export type TGoalMatch = { shape: TGoalShape; subject: { id: string; name: string } | null };

export type TOpenAiOptions = {
  client: OpenAI;
  model: string;
  /** max_completion_tokens of each call (the outline, each module). */
  maxTokens: number;
  idleTimeoutMs: number;
  /** Link checking of the model's resources; false turns it off. */
  linkCheck?: TCheckLinksOptions | false;
  /** Problems of a module the model wrote (one retry with them), beyond the schema. */
  lint?: TPlanLint;
  /** The atlas matcher (get-provider.ts matchAtlasGoal); without it the model chooses the shape. */
  matchGoal?: (goal: string, language: string) => TGoalMatch | null;
};

export class GenerationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GenerationError';
  }
}

const describeIssues = (error: z.ZodError) => error.issues.slice(0, 12).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);

type TChecked<T> = { ok: true; value: T } | { ok: false; problems: string[]; usable?: T };
type TMessage = OpenAI.Chat.ChatCompletionMessageParam;

/** Parses JSON against a model-facing schema. */
function parseAs<S extends z.ZodType>(schema: S, content: string): TChecked<z.infer<S>> {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { ok: false, problems: ['The answer was not valid JSON.'] };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: describeIssues(parsed.error) };
}

/** The module count asked for: enough modules for the lessons to fit (≤ 12 lessons of ≤ 800 minutes), about one per 1–4 weeks. */
export function moduleRange(weeks: number, budgetMinutes: number): [number, number] {
  const low = Math.min(20, Math.max(1, Math.ceil(weeks / 4), Math.ceil(budgetMinutes / 9600)));
  return [low, Math.min(20, Math.max(low, Math.min(weeks, 12), 2))];
}

/** Lessons asked of a module: sessions of a quarter of the weekly hours (20–120 min), 1–12 lessons of at most 1200 min. */
export function lessonCount(targetMinutes: number, hoursPerWeek: number): number {
  const session = Math.min(120, Math.max(20, (hoursPerWeek * 60) / 4));
  return Math.min(12, Math.max(targetMinutes >= 40 ? 2 : 1, Math.ceil(targetMinutes / 1200), Math.round(targetMinutes / session)));
}

/**
 * Generates a curriculum from any Chat Completions server with strict structured output: one call for
 * the outline, then one streamed call per module, each module paced to its share of the budget, checked
 * and handed to `onModule` as soon as its call ends. The SDK retries timeouts, 429 and 5xx (`maxRetries`
 * on the client); an answer that breaks the schema, is cut off at the token limit, or fails the linter is
 * retried once with the problems. Resource links are checked in the background and dead ones replaced by
 * searches in the returned plan.
 */
export async function generateWithOpenAi(req: TCurriculumRequest, ctx: TGenerateContext, opts: TOpenAiOptions): Promise<TGenerated> {
  let tokens = 0;
  const lint = opts.lint ?? lintPlan;
  const checker = opts.linkCheck === false ? null : createLinkChecker(opts.linkCheck);
  const match = opts.matchGoal?.(req.goal, req.language) ?? null;
  const frame: TWeekFrame = { weeks: ctx.weeks, budgetMinutes: ctx.budgetMinutes, firstWeek: ctx.firstWeek };

  /** One streamed call, validated; retried once with the problems. */
  async function ask<T>(
    label: string,
    name: string,
    schema: z.ZodType,
    messages: TMessage[],
    check: (content: string) => TChecked<T>,
  ): Promise<T> {
    const jsonSchema = toStrictJsonSchema(schema);
    for (let attempt = 1; ; attempt++) {
      if (ctx.tokenBudget !== undefined && tokens >= ctx.tokenBudget)
        throw new GenerationError(
          `Today’s AI token budget ran out before ${label} (this plan used ${tokens} tokens). Retry tomorrow, or ask for a shorter plan.`,
        );
      const { content, finish } = await streamCall(opts, messages, name, jsonSchema, (n) => {
        tokens += n;
        ctx.onTokens?.(n);
      });
      const result: TChecked<T> =
        finish === 'length'
          ? {
              ok: false,
              problems: [
                `The answer was cut off at the ${opts.maxTokens}-token limit: write it shorter (shorter explanations, fewer resources).`,
              ],
            }
          : check(content);
      if (result.ok) return result.value;
      if (attempt === 2) {
        if (result.usable !== undefined) return result.usable; // the schema holds; the linter's remarks do not block the plan
        throw new GenerationError(
          `The model's answer for ${label} did not match the curriculum format twice. Last problems: ${result.problems.join('\n').slice(0, 600)}`,
        );
      }
      messages = [
        ...messages,
        { role: 'assistant', content },
        {
          role: 'user',
          content: `Your answer did not validate. Fix these problems and answer again with the complete JSON object:\n${result.problems.join('\n')}`,
        },
      ];
    }
  }

  const outline: Pick<
    TModelOutline,
    'title' | 'summary' | 'prerequisites' | 'outcomes' | 'modules' | 'shape' | 'language' | 'warnings' | 'caveat'
  > =
    ctx.regenerate && ctx.existing
      ? outlineFromDigest(ctx.existing, ctx.regenerate, match?.shape ?? 'programming')
      : await ask(
          'the outline',
          'curriculum_outline',
          ZModelOutline,
          buildOutlineMessages(req, {
            weeks: ctx.weeks,
            hoursPerWeek: req.hoursPerWeek,
            moduleRange: moduleRange(ctx.weeks, ctx.budgetMinutes),
            shape: match?.shape ?? null,
            subject: match?.subject?.name ?? null,
            existing: ctx.existing,
          }),
          (content) => {
            const parsed = parseAs(ZModelOutline, content);
            if (!parsed.ok) return parsed;
            const perModule = ctx.budgetMinutes / parsed.value.modules.length;
            if (perModule > 12 * 1200)
              return {
                ok: false,
                problems: [
                  `Write at least ${Math.ceil(ctx.budgetMinutes / 9600)} modules: ${parsed.value.modules.length} cannot hold ${ctx.budgetMinutes} minutes of lessons.`,
                ],
              };
            return parsed;
          },
        );
  const shape = match?.shape ?? outline.shape;
  const focus = ctx.regenerate?.index;
  const indexes = focus === undefined ? outline.modules.map((_, i) => i) : [focus];
  const targets =
    focus === undefined
      ? moduleTargets(
          ctx.budgetMinutes,
          outline.modules.map((m) => m.weeks),
        )
      : [ctx.budgetMinutes];
  await ctx.onOutline?.(indexes.length);

  const modules: TModule[] = [];
  const checked: Promise<TModule>[] = [];
  let start = 0;
  for (const [k, index] of indexes.entries()) {
    const target = targets[k];
    const messages = buildModuleMessages(req, {
      outline,
      index,
      targetMinutes: target,
      lessons: lessonCount(target, req.hoursPerWeek),
      weekRange: [weekAt(start, frame), weekAt(start + target - 1, frame)],
      shape,
      subject: match?.subject?.name ?? null,
      written: digestOf({ title: outline.title, modules }).modules,
      existing: ctx.existing,
      regenerate: focus !== undefined,
    });
    const moduleStart = start;
    const written = await ask(`module ${index + 1}`, 'curriculum_module', ZModelModule, messages, (content): TChecked<TModule> => {
      const parsed = parseAs(ZModelModule, content);
      if (!parsed.ok) return { ok: false, problems: parsed.problems };
      const converted = toModule(parsed.value, index + 1);
      if (!converted.ok) return converted;
      const paced = withWeeks(paceModule(converted.module, target), moduleStart, frame);
      const valid = ZModule.safeParse(paced);
      if (!valid.success) return { ok: false, problems: describeIssues(valid.error) };
      if (Math.abs(moduleMinutes(paced) - target) > target * 0.1)
        return { ok: false, problems: [`The module needs about ${target} minutes; write at least ${Math.ceil(target / 1200)} lessons.`] };
      const problems = lint(
        { title: outline.title, summary: outline.summary, prerequisites: [], outcomes: outline.outcomes, modules: [valid.data] },
        // Regenerate has no outline call: the request says the language.
        { budgetMinutes: moduleMinutes(valid.data), goal: req.goal, language: ctx.regenerate ? req.language : outline.language },
      );
      return problems.length ? { ok: false, problems, usable: valid.data } : { ok: true, value: valid.data };
    });
    modules.push(written);
    start += target;
    await ctx.onModule?.(written, k);
    // Checked while the next module streams; the stored plan gets the checked links.
    checked.push(checker ? checker.fixModule(written) : Promise.resolve(written));
  }

  const curriculum = ZCurriculum.safeParse({
    title: outline.title,
    summary: outline.summary,
    prerequisites: outline.prerequisites,
    outcomes: outline.outcomes,
    // Link checks (HTTP, no database) started as each module arrived.
    // eslint-disable-next-line no-restricted-syntax
    modules: await Promise.all(checked),
    meta: {
      generator: 'model',
      shape,
      subject: match?.subject ?? null,
      language: outline.language,
      languageFallback: false,
      ...(outline.caveat ? { caveat: outline.caveat } : {}),
      ...(outline.warnings.length ? { warnings: outline.warnings } : {}),
    },
  });
  if (!curriculum.success) throw new GenerationError(`The assembled plan is not valid: ${describeIssues(curriculum.error).join('; ')}`);
  return { curriculum: curriculum.data, tokens };
}

/** Regenerate needs no outline call: the plan's own modules are the outline. */
function outlineFromDigest(existing: TPlanDigest, focus: { index: number; checkpoint?: 'quiz' | 'project' }, shape: TGoalShape) {
  const m = existing.modules[focus.index];
  return {
    title: existing.title,
    summary: `${m.title}: ${m.topics.join(', ')}`.slice(0, 1200),
    prerequisites: [],
    outcomes: [m.title],
    language: 'en',
    shape,
    warnings: [],
    caveat: null,
    modules: existing.modules.map((x, i) => ({
      title: x.title,
      summary: x.title,
      topics: x.topics,
      weeks: 1,
      // The module keeps its kind of checkpoint (Regenerate sends it); the others are only listed.
      checkpoint: i === focus.index ? (focus.checkpoint ?? ('quiz' as const)) : ('quiz' as const),
    })),
  };
}

/** One streamed Chat Completions call with a strict JSON schema; aborted when the stream goes idle. */
async function streamCall(
  opts: TOpenAiOptions,
  messages: TMessage[],
  name: string,
  schema: Record<string, unknown>,
  countTokens: (n: number) => void,
): Promise<{ content: string; finish: string | null }> {
  const controller = new AbortController();
  let idle: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(() => controller.abort(), opts.idleTimeoutMs);
  };
  let content = '';
  let finish: string | null = null;
  let counted = false;
  try {
    const stream = await opts.client.chat.completions.create(
      {
        model: opts.model,
        messages,
        stream: true,
        stream_options: { include_usage: true },
        max_completion_tokens: opts.maxTokens,
        response_format: { type: 'json_schema', json_schema: { name, schema, strict: true } },
      },
      { signal: controller.signal },
    );
    arm();
    for await (const chunk of stream) {
      arm();
      if (chunk.usage) {
        countTokens(chunk.usage.total_tokens);
        counted = true;
      }
      const choice = chunk.choices[0];
      if (choice?.finish_reason) finish = choice.finish_reason;
      if (choice?.delta?.content) content += choice.delta.content;
    }
  } catch (e) {
    if (controller.signal.aborted) throw new GenerationError(`The model stopped answering for ${Math.round(opts.idleTimeoutMs / 1000)} s.`);
    throw e;
  } finally {
    clearTimeout(idle);
  }
  if (!counted) countTokens(Math.ceil(content.length / 4)); // a server that reports no usage
  return { content, finish };
}
