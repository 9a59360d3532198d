import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TModelModule, TModelOutline } from '@/lib/curriculum/model-schemas';
import type { TCurriculum, TModule } from '@/lib/curriculum/schemas';

// A local HTTP server that speaks the Chat Completions API (streaming with SSE), scripted per request.

export type TScriptStep =
  | { kind: 'stream'; content: string; chunkSize?: number; delayMs?: number; finishReason?: 'stop' | 'length' }
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  | { kind: 'hang'; ms: number }
  // Streams content up to `stallAfter` characters, then stalls (the connection stays open) until
  // releaseStalls() sends the rest, or close() drops it: a model stream cut off mid-way.
  | { kind: 'stall'; content: string; stallAfter: number; chunkSize?: number };

export type TFakeOpenAi = {
  url: string;
  requests: { body: Record<string, unknown>; at: number }[];
  releaseStalls(): void;
  close(): Promise<void>;
};

export function sseChunks(content: string, chunkSize = 40): string[] {
  const out: string[] = [];
  for (let i = 0; i < content.length; i += chunkSize) out.push(content.slice(i, i + chunkSize));
  return out;
}

export async function writeStream(
  res: ServerResponse,
  content: string,
  chunkSize = 40,
  delayMs = 0,
  onChunkSent?: (sentSoFar: string) => void,
  finishReason: 'stop' | 'length' = 'stop',
) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const base = { id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 1, model: 'fake-model' };
  res.write(
    `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] })}\n\n`,
  );
  let sent = '';
  for (const piece of sseChunks(content, chunkSize)) {
    res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })}\n\n`);
    sent += piece;
    onChunkSent?.(sent);
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
  }
  res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: finishReason }] })}\n\n`);
  res.write(
    `data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 100, completion_tokens: 900, total_tokens: 1000 } })}\n\n`,
  );
  res.write('data: [DONE]\n\n');
  res.end();
}

async function writeStalled(res: ServerResponse, content: string, stallAfter: number, chunkSize: number, stall: () => Promise<void>) {
  const base = { id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 1, model: 'fake-model' };
  const send = (piece: string) =>
    res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })}\n\n`);
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  for (const piece of sseChunks(content.slice(0, stallAfter), chunkSize)) send(piece);
  await stall();
  if (res.destroyed) return;
  for (const piece of sseChunks(content.slice(stallAfter), chunkSize)) send(piece);
  res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
  res.write(
    `data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 100, completion_tokens: 900, total_tokens: 1000 } })}\n\n`,
  );
  res.write('data: [DONE]\n\n');
  res.end();
}

export type TFakeRequest = { body: Record<string, unknown>; at: number };
/** Chooses the answer from the request: n is its 0-based number, requests are those before it. */
export type TResponder = (body: Record<string, unknown>, n: number) => TScriptStep;

/** Answers request n with script[n] (the last step repeats), or asks a responder. */
export async function startFakeOpenAi(script: TScriptStep[] | TResponder): Promise<TFakeOpenAi> {
  const requests: { body: Record<string, unknown>; at: number }[] = [];
  const stalled: (() => void)[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    for await (const c of req) raw += c;
    if (req.url !== '/v1/chat/completions' || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    requests.push({ body: JSON.parse(raw), at: Date.now() });
    const step =
      typeof script === 'function'
        ? script(requests.at(-1)!.body, requests.length - 1)
        : script[Math.min(requests.length - 1, script.length - 1)];
    if (step.kind === 'status') {
      res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
      res.end(JSON.stringify({ error: { message: `scripted ${step.status}`, type: 'server_error' } }));
    } else if (step.kind === 'hang') {
      const t = setTimeout(() => res.destroy(), step.ms);
      res.on('close', () => clearTimeout(t));
    } else if (step.kind === 'stall') {
      await writeStalled(res, step.content, step.stallAfter, step.chunkSize ?? 40, () => new Promise<void>((r) => stalled.push(r)));
    } else {
      await writeStream(res, step.content, step.chunkSize, step.delayMs, undefined, step.finishReason);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    releaseStalls: () => {
      for (const r of stalled.splice(0)) r();
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

// The AI path asks for an outline, then each module (lib/curriculum/generate-with-openai.ts). These turn a
// plan (e.g. the offline planner's) into what a model would answer to each call.

/** The outline a model would write for `plan`: each module's weeks proportional to its minutes. */
export function outlineAnswer(plan: TCurriculum, o: Partial<TModelOutline> = {}): TModelOutline {
  return {
    title: plan.title,
    summary: plan.summary,
    language: 'en',
    shape: 'programming',
    prerequisites: plan.prerequisites,
    outcomes: plan.outcomes,
    modules: plan.modules.map((m) => ({
      title: m.title,
      summary: m.summary,
      topics: m.topics,
      weeks: Math.max(0.25, Math.round((m.lessons.reduce((s, l) => s + l.estimatedMinutes, 0) / 60) * 4) / 4),
      checkpoint: m.checkpoint.type,
    })),
    warnings: [],
    caveat: null,
    ...o,
  };
}

/** A module as the model writes it: rough minutes, a flat checkpoint, questions tied to the first objective of a lesson. */
export function moduleAnswer(m: TModule, o: { minutesFactor?: number } = {}): TModelModule {
  const objectives = m.lessons.flatMap((l) => l.objectives);
  return {
    title: m.title,
    summary: m.summary,
    topics: m.topics,
    lessons: m.lessons.map((l) => ({
      title: l.title,
      kind: l.kind,
      objectives: l.objectives,
      minutes: Math.max(1, Math.round(l.estimatedMinutes * (o.minutesFactor ?? 1))),
      resources: l.resources,
    })),
    checkpoint:
      m.checkpoint.type === 'quiz'
        ? {
            type: 'quiz',
            questions: m.checkpoint.questions.map((q, i) => ({
              question: q.question,
              choices: q.choices,
              answerIndex: q.answerIndex,
              explanation: q.explanation,
              objective: q.objective ?? objectives[i % objectives.length],
            })),
            brief: null,
            acceptanceCriteria: null,
          }
        : { type: 'project', questions: null, brief: m.checkpoint.brief, acceptanceCriteria: m.checkpoint.acceptanceCriteria },
  };
}

/** Which call a request is: 'outline', or the 0-based index of the module it asks for. */
export function callOf(body: Record<string, unknown>): 'outline' | number {
  const format = body.response_format as { json_schema?: { name?: string } } | undefined;
  if (format?.json_schema?.name === 'curriculum_outline') return 'outline';
  const messages = body.messages as { role: string; content: string }[];
  const asked = messages.filter((m) => m.role === 'user')[0]?.content.match(/Write module (\d+) of/);
  if (!asked) throw new Error('fake-openai: a request that is neither an outline nor a module call');
  return Number(asked[1]) - 1;
}

/** The steps of a whole generation in order: the outline, then each module. */
export function planScript(plan: TCurriculum, o: { chunkSize?: number; delayMs?: number } = {}): TScriptStep[] {
  return [JSON.stringify(outlineAnswer(plan)), ...plan.modules.map((m) => JSON.stringify(moduleAnswer(m)))].map((content) => ({
    kind: 'stream' as const,
    content,
    chunkSize: o.chunkSize,
    delayMs: o.delayMs,
  }));
}

/** A responder that answers every call of a generation from `plan`, whatever their order or repeats. */
export function answerFrom(
  plan: TCurriculum,
  o: { outline?: Partial<TModelOutline>; module?: (m: TModule, index: number) => TModelModule; chunkSize?: number; delayMs?: number } = {},
): TResponder {
  return (body) => {
    const call = callOf(body);
    const content =
      call === 'outline'
        ? JSON.stringify(outlineAnswer(plan, o.outline))
        : JSON.stringify(o.module ? o.module(plan.modules[call], call) : moduleAnswer(plan.modules[call]));
    return { kind: 'stream', content, chunkSize: o.chunkSize ?? 200, delayMs: o.delayMs };
  };
}

/** Like answerFrom, but the first call for module `index` stalls half-way (a model stream cut off mid-module). */
export function stallOnce(plan: TCurriculum, index: number, o: { chunkSize?: number } = {}): TResponder {
  const answer = answerFrom(plan, o);
  let stalled = false;
  return (body, n) => {
    const step = answer(body, n);
    if (stalled || callOf(body) !== index || step.kind !== 'stream') return step;
    stalled = true;
    return { kind: 'stall', content: step.content, stallAfter: Math.floor(step.content.length / 2), chunkSize: 60 };
  };
}
