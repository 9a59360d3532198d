import type OpenAI from 'openai';
import type { z } from 'zod';
import { createModuleScanner } from './module-stream';
import { buildMessages, curriculumJsonSchema } from './prompt';
import { checkBudget, ZCurriculum, ZModule, type TCurriculum, type TCurriculumRequest, type TModule } from './schemas';

export type TGenerateContext = {
  budgetMinutes: number;
  weeks: number;
  /** Called the moment a module is complete in the stream. */
  onModule?: (module: TModule, index: number) => Promise<void> | void;
  /** Called before a second attempt streams its modules from the start. */
  onRestart?: (reason: string) => Promise<void> | void;
};
export type TGenerated = { curriculum: TCurriculum; tokens: number };

export type TOpenAiOptions = { client: OpenAI; model: string; maxTokens: number; idleTimeoutMs: number };

export class GenerationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GenerationError';
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 12)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('\n');
}

/** Validates the model's answer: the schema, then the time budget. Returns the problems, or the curriculum. */
export function validateAnswer(
  content: string,
  budgetMinutes: number,
): { ok: true; curriculum: TCurriculum } | { ok: false; problems: string } {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { ok: false, problems: 'The answer was not valid JSON.' };
  }
  const parsed = ZCurriculum.safeParse(json);
  if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error) };
  const budget = checkBudget(parsed.data, budgetMinutes);
  if (budget.length) return { ok: false, problems: budget.join('\n') };
  return { ok: true, curriculum: parsed.data };
}

/**
 * Streams a curriculum from any Chat Completions server with structured output. The SDK retries
 * timeouts, 429 and 5xx with backoff (`maxRetries` on the client); an answer that breaks the schema is
 * retried once with the validation errors, then fails with a clear message.
 */
export async function generateWithOpenAi(req: TCurriculumRequest, ctx: TGenerateContext, opts: TOpenAiOptions): Promise<TGenerated> {
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = buildMessages(req, ctx.budgetMinutes, ctx.weeks);
  const schema = curriculumJsonSchema();
  let tokens = 0;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const controller = new AbortController();
    let idle: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(() => controller.abort(), opts.idleTimeoutMs);
    };
    let content = '';
    try {
      const stream = await opts.client.chat.completions.create(
        {
          model: opts.model,
          messages,
          stream: true,
          stream_options: { include_usage: true },
          max_completion_tokens: opts.maxTokens,
          response_format: { type: 'json_schema', json_schema: { name: 'curriculum', schema, strict: false } },
        },
        { signal: controller.signal },
      );
      const scanner = createModuleScanner();
      let emitted = 0;
      arm();
      for await (const chunk of stream) {
        arm();
        if (chunk.usage) tokens += chunk.usage.total_tokens;
        const delta = chunk.choices[0]?.delta?.content;
        if (!delta) continue;
        content += delta;
        for (const text of scanner.push(delta)) {
          const index = emitted++;
          let parsedJson: unknown;
          try {
            parsedJson = JSON.parse(text);
          } catch {
            continue;
          }
          const m = ZModule.safeParse(parsedJson);
          if (m.success) await ctx.onModule?.(m.data, index);
        }
      }
    } catch (e) {
      if (controller.signal.aborted)
        throw new GenerationError(`The model stopped answering for ${Math.round(opts.idleTimeoutMs / 1000)} s.`);
      throw e;
    } finally {
      clearTimeout(idle);
    }
    if (tokens === 0) tokens = Math.ceil(content.length / 4);
    const result = validateAnswer(content, ctx.budgetMinutes);
    if (result.ok) return { curriculum: result.curriculum, tokens };
    if (attempt === 2)
      throw new GenerationError(
        `The model's answer did not match the curriculum format twice. Last problems: ${result.problems.slice(0, 600)}`,
      );
    await ctx.onRestart?.(result.problems);
    messages.push(
      { role: 'assistant', content },
      {
        role: 'user',
        content: `Your answer did not validate. Fix these problems and answer again with the complete JSON object:\n${result.problems}`,
      },
    );
  }
  throw new GenerationError('unreachable');
}
