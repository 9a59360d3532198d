import 'server-only';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { getDb } from '@/lib/db';
import { assertNoNul } from '@/lib/http/request-guard';
import { errorPayload } from '@/lib/http/route';
import { logger } from '@/lib/log/logger';
import { getSlotsResponse, resolveSlotsQuery } from './get-expert-slots';
import { cachedSlotsBody } from './slots-cache';

// GET /api/experts/:slug/slots answered on server/main.mjs's HTTP server before Next's router (the way
// lib/http/fast-lane.ts answers the directory API): Next's route pipeline costs a few ms of CPU per request,
// several times what loading and computing a month of slots costs. Same function, same error shape and headers
// as app/api/experts/[slug]/slots/route.ts (which still serves `next dev` and anything the lane passes on).

const SLOTS_PATH_RE = /^\/api\/experts\/([^/]{1,200})\/slots$/;

/** The slug when `pathname` is the slots API, else null. */
export function slotsApiSlug(pathname: string): string | null {
  const m = SLOTS_PATH_RE.exec(pathname);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}

export async function answerSlotsApi(req: IncomingMessage, res: ServerResponse, url: URL, slug: string): Promise<void> {
  const given = req.headers['x-request-id'];
  const requestId = (typeof given === 'string' && given) || randomUUID();
  const started = Date.now();
  let status = 200;
  const headers: OutgoingHttpHeaders = { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-request-id': requestId };
  let body: string;
  try {
    assertNoNul(Object.fromEntries(url.searchParams), 'address');
    // The key is the request as resolved (defaults filled in, today's date), so spellings of one request share it.
    const q = resolveSlotsQuery(url.searchParams);
    const key = JSON.stringify([slug, q.fromDate, q.toDate, q.lengthMinutes ?? null, q.timeZone]);
    body = await cachedSlotsBody(key, async () => JSON.stringify(await getSlotsResponse(await getDb(), slug, url.searchParams)));
  } catch (e) {
    const err = errorPayload(e, requestId);
    status = err.status;
    Object.assign(headers, err.headers);
    body = JSON.stringify(err.body);
  }
  const bytes = Buffer.from(body);
  headers['content-length'] = bytes.length;
  res.writeHead(status, headers).end(bytes);
  logger().debug({ requestId, method: 'GET', path: url.pathname, status, ms: Date.now() - started, lane: 'fast' }, 'request');
}
