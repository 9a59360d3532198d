import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local HTTP server that speaks the Chat Completions API (streaming with SSE), scripted per request.

export type TScriptStep =
  | { kind: 'stream'; content: string; chunkSize?: number; delayMs?: number }
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
  res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
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

/** Answers request n with script[n] (the last step repeats). */
export async function startFakeOpenAi(script: TScriptStep[]): Promise<TFakeOpenAi> {
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
    const step = script[Math.min(requests.length - 1, script.length - 1)];
    if (step.kind === 'status') {
      res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
      res.end(JSON.stringify({ error: { message: `scripted ${step.status}`, type: 'server_error' } }));
    } else if (step.kind === 'hang') {
      const t = setTimeout(() => res.destroy(), step.ms);
      res.on('close', () => clearTimeout(t));
    } else if (step.kind === 'stall') {
      await writeStalled(res, step.content, step.stallAfter, step.chunkSize ?? 40, () => new Promise<void>((r) => stalled.push(r)));
    } else {
      await writeStream(res, step.content, step.chunkSize, step.delayMs);
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
