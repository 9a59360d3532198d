import 'server-only';
import { z } from 'zod';

// Zoom meetings through a Server-to-Server OAuth app, over fetch (Zoom publishes no official Node SDK for the
// REST API). Documented calls used:
//   POST {oauth}/oauth/token?grant_type=account_credentials&account_id=…  (Basic client_id:client_secret)
//        → 200 { access_token, token_type: 'bearer', expires_in, scope }
//   POST {api}/v2/users/me/meetings   → 201 { id, join_url, start_url, start_time, duration, … }
//   PATCH {api}/v2/meetings/{id}      → 204
//   DELETE {api}/v2/meetings/{id}     → 204; 404 { code: 3001 } when it is already gone
// A 401 (the token was revoked or expired early) drops the cached token and retries once with a new one.

export type TZoomConfig = { accountId: string; clientId: string; clientSecret: string; apiBase?: string; oauthBase?: string };
export type TZoomMeetingInput = { topic: string; start: Date; durationMinutes: number; agenda?: string };
export type TZoomMeeting = { id: string; joinUrl: string };

/** A Zoom answer that is not a success. `retryable` is false for answers a retry cannot change (4xx but 401/429). */
export class ZoomError extends Error {
  constructor(
    readonly status: number,
    readonly zoomCode: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'ZoomError';
  }
  get retryable(): boolean {
    return this.status >= 500 || this.status === 429 || this.status === 401 || this.status === 0;
  }
}

const ZToken = z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive() });
const ZMeeting = z.object({ id: z.union([z.number(), z.string()]), join_url: z.string().url() });
const ZZoomErrorBody = z.object({ code: z.number().optional(), message: z.string().optional(), reason: z.string().optional() });

// Cached per app (account + client id), until a minute before Zoom says it expires. On globalThis like the
// other process-wide holders, so Next's separate module graphs share one token.
type TCached = { token: string; expiresAt: number };
const holder = globalThis as unknown as {
  __pathwiseZoomTokens?: Map<string, TCached>;
  __pathwiseZoomInflight?: Map<string, Promise<TCached>>;
};
const tokens = () => (holder.__pathwiseZoomTokens ??= new Map());
const inflight = () => (holder.__pathwiseZoomInflight ??= new Map());

/** For tests: forget cached tokens. */
export function clearZoomTokenCache(): void {
  tokens().clear();
  inflight().clear();
}

const cacheKey = (c: TZoomConfig) => `${c.oauthBase ?? ''}|${c.accountId}|${c.clientId}`;

async function errorFrom(res: Response, what: string): Promise<ZoomError> {
  const text = await res.text().catch(() => '');
  let body: z.infer<typeof ZZoomErrorBody> = {};
  try {
    body = ZZoomErrorBody.parse(JSON.parse(text));
  } catch {
    // not JSON: keep the status only
  }
  return new ZoomError(res.status, body.code ?? null, `Zoom ${what} failed: ${res.status}${body.message ? ` ${body.message}` : ''}`);
}

async function fetchToken(c: TZoomConfig, now: () => number): Promise<TCached> {
  const url = new URL('/oauth/token', c.oauthBase ?? 'https://zoom.us');
  url.searchParams.set('grant_type', 'account_credentials');
  url.searchParams.set('account_id', c.accountId);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}` },
      signal: AbortSignal.timeout(15_000),
    });
  } catch (e) {
    throw new ZoomError(0, null, `Zoom token request failed: ${(e as Error).message}`);
  }
  if (!res.ok) {
    const err = await errorFrom(res, 'token request');
    // Bad credentials are not fixed by a retry with the same ones.
    throw res.status === 400 || res.status === 401 ? new ZoomError(403, err.zoomCode, err.message) : err;
  }
  const t = ZToken.parse(await res.json());
  return { token: t.access_token, expiresAt: now() + Math.max(0, t.expires_in - 60) * 1000 };
}

/** The cached token, or a new one (one request at a time per app, however many callers wait). */
export async function zoomToken(c: TZoomConfig, opts: { now?: () => number; fresh?: boolean } = {}): Promise<string> {
  const now = opts.now ?? Date.now;
  const key = cacheKey(c);
  const cached = tokens().get(key);
  if (!opts.fresh && cached && cached.expiresAt > now()) return cached.token;
  let pending = inflight().get(key);
  if (!pending) {
    pending = fetchToken(c, now).finally(() => inflight().delete(key));
    inflight().set(key, pending);
  }
  const t = await pending;
  tokens().set(key, t);
  return t.token;
}

async function call(c: TZoomConfig, method: string, path: string, body?: unknown): Promise<Response> {
  const url = new URL(path, c.apiBase ?? 'https://api.zoom.us');
  for (let attempt = 0; ; attempt++) {
    const token = await zoomToken(c, { fresh: attempt > 0 });
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(15_000),
      });
    } catch (e) {
      throw new ZoomError(0, null, `Zoom ${method} ${path} failed: ${(e as Error).message}`);
    }
    if (res.status === 401 && attempt === 0) {
      await res.body?.cancel();
      tokens().delete(cacheKey(c));
      continue;
    }
    return res;
  }
}

function meetingBody(m: TZoomMeetingInput) {
  return {
    topic: m.topic.slice(0, 200),
    type: 2, // a scheduled meeting
    start_time: m.start.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    duration: m.durationMinutes,
    timezone: 'UTC',
    agenda: (m.agenda ?? '').slice(0, 2000),
    settings: { join_before_host: true, waiting_room: false, host_video: true, participant_video: true },
  };
}

export async function createZoomMeeting(c: TZoomConfig, m: TZoomMeetingInput): Promise<TZoomMeeting> {
  const res = await call(c, 'POST', '/v2/users/me/meetings', meetingBody(m));
  if (res.status !== 201 && res.status !== 200) throw await errorFrom(res, 'create meeting');
  const out = ZMeeting.parse(await res.json());
  return { id: String(out.id), joinUrl: out.join_url };
}

export async function updateZoomMeeting(c: TZoomConfig, id: string, m: TZoomMeetingInput): Promise<void> {
  const { start_time, duration, timezone, topic } = meetingBody(m);
  const res = await call(c, 'PATCH', `/v2/meetings/${encodeURIComponent(id)}`, { start_time, duration, timezone, topic });
  if (res.status !== 204 && res.status !== 200) throw await errorFrom(res, 'update meeting');
  await res.body?.cancel();
}

/** Deletes the meeting; one that no longer exists (404, code 3001) counts as deleted. */
export async function deleteZoomMeeting(c: TZoomConfig, id: string): Promise<void> {
  const res = await call(c, 'DELETE', `/v2/meetings/${encodeURIComponent(id)}`);
  if (res.status === 204 || res.status === 200) return void (await res.body?.cancel());
  const err = await errorFrom(res, 'delete meeting');
  if (res.status === 404) return;
  throw err;
}
