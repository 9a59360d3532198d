import 'server-only';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzip as gzipCb } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import type { TSessionUser } from '@/lib/auth/schemas';
import { getSessionUser } from '@/lib/auth/sessions';
import { viewerCookie } from '@/lib/auth/viewer-cookie';
import { answerSlotsApi, slotsApiSlug } from '@/lib/availability/slots-fast-lane';
import { getCache, type TCache } from '@/lib/cache/cache';
import { env, secureCookies } from '@/lib/config';
import { getDb } from '@/lib/db';
import { directoryTtl, pageKey, type TCachedPage } from '@/lib/experts/expert-cache';
import { searchDirectory } from '@/lib/experts/search-directory';
import { searchKey, searchParamsToRecord, ZExpertSearch } from '@/lib/experts/search-schema';
import { logger } from '@/lib/log/logger';
import { imageOrigins, keptPagePolicy } from '@/server/security-headers.mjs';
import { ROLE_SHELL_HEADER, roleShellSecret } from './role-shell';
import { errorPayload } from './route';

// The directory's hot paths, answered on server/main.mjs's HTTP server before Next's router runs.
// Measured (docs/decisions/003-directory-fast-lane.md): Next's route pipeline costs ~2–3 ms of CPU per
// request on this 2-core machine — the ceiling for /api/experts was ~640 req/s even when every answer came
// from the cache. Here the same code (searchDirectory, the same cache, the same error shape) runs on Node's
// request directly, and rendered directory and profile pages are kept for signed-out visitors, keyed by the
// directory's cache generation so any profile, status or price change drops them with everything else.
// The public pages that do not depend on the visitor (landing, sign-in, sign-up, forgot-password, privacy) are
// kept the same way (issue #15, docs/performance.md).
//
// Only what is the same for every signed-out visitor is kept: GET, no session cookie, no RSC/router headers,
// a 200 HTML answer that sets no cookie. Client navigations (RSC) and everything else go to Next untouched.
//
// Signed-in visitors get a copy kept per role of the pages whose content does not depend on who asks
// (keptForRole: privacy, forgot-password, the directory and profiles): the copy is rendered once with the role's navigation and no name in the header
// (lib/http/role-shell.ts), and every answer carries the visitor's own name in a cookie the header reads
// (lib/auth/viewer-cookie.ts). The session is checked on every request (cached a minute, as for any page); a
// cookie that names no live session goes to Next, which renders the page signed out.

export type TNextHandle = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
export type TFastLane = (req: IncomingMessage, res: ServerResponse, next: TNextHandle) => Promise<void>;

const gzip = promisify(gzipCb);
const SESSION_COOKIE_RE = /(?:^|;\s*)pw_session=([^;]*)/;
const ROUTER_HEADERS = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-action'];
const PAGE_PATH_RE = /^\/experts(?:\/[a-z0-9-]{1,80})?$/;
// Public pages that do not depend on who asks (issue #15), with the query parameters each one reads. Any other
// parameter, or one given twice, and the request goes to Next as before (a `?utm_…` landing still renders).
// The header's signed-in state is the only per-visitor part of these pages: signed-in visitors get the copy kept
// for their role (keptForRole), never the signed-out one; sign-in, sign-up and the landing redirect them.
const PUBLIC_PAGES: ReadonlyMap<string, readonly string[]> = new Map([
  ['/', []],
  ['/sign-in', ['next', 'reset']],
  ['/sign-up', ['as']],
  ['/forgot-password', []],
  ['/privacy', ['account']],
]);
const MAX_PAGE_BYTES = 1_000_000;
// In-process, kept pages share this budget (least recently used go first); with Redis they live there.
const PAGE_STORE_BYTES = 32 * 1024 * 1024;
const MAX_URL_LENGTH = 1024;
// Not kept with a page: per-connection, per-response or per-visitor headers.
const UNSTORED = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'x-request-id', 'set-cookie']);

let buildId: string | undefined;
/** Pages are kept per build: a deploy must not serve HTML that points at the previous build's chunks. */
function currentBuildId(): string {
  if (buildId === undefined) {
    try {
      buildId = readFileSync(path.join(process.cwd(), '.next', 'BUILD_ID'), 'utf8').trim();
    } catch {
      buildId = randomUUID();
    }
  }
  return buildId;
}

function acceptsGzip(req: IncomingMessage): boolean {
  return /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
}

function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return (typeof given === 'string' && given) || randomUUID();
}

/** GET /api/experts, the same answer as app/api/experts/route.ts. */
async function answerDirectoryApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const requestId = requestIdOf(req);
  const started = Date.now();
  let status = 200;
  const headers: OutgoingHttpHeaders = { 'content-type': 'application/json', 'x-request-id': requestId, vary: 'accept-encoding' };
  let body: string;
  try {
    body = JSON.stringify(await searchDirectory(await getDb(), searchParamsToRecord(url.searchParams)));
  } catch (e) {
    const err = errorPayload(e, requestId);
    status = err.status;
    Object.assign(headers, err.headers);
    body = JSON.stringify(err.body);
  }
  let bytes: Buffer = Buffer.from(body);
  if (bytes.length > 1024 && acceptsGzip(req)) {
    bytes = await gzip(bytes);
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = bytes.length;
  res.writeHead(status, headers).end(bytes);
  logger().debug({ requestId, method: 'GET', path: url.pathname, status, ms: Date.now() - started, lane: 'fast' }, 'request');
}

function isCacheablePageRequest(req: IncomingMessage, url: URL): boolean {
  if (!(PAGE_PATH_RE.test(url.pathname) || PUBLIC_PAGES.has(url.pathname)) || (req.url?.length ?? 0) > MAX_URL_LENGTH) return false;
  return !ROUTER_HEADERS.some((h) => h in req.headers);
}

/** The session cookie's token, or undefined without one. */
function sessionToken(req: IncomingMessage): string | undefined {
  const m = SESSION_COOKIE_RE.exec(String(req.headers.cookie ?? ''));
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return '';
  }
}

/**
 * Pages kept for signed-in visitors, one copy per role: nothing on them but the header depends on who asks (a
 * learner's own curricula, packages and credits on a profile are fetched after hydration:
 * components/experts/profile-booking.tsx). The landing, sign-in and sign-up send signed-in visitors home.
 */
export function keptForRole(pathname: string): boolean {
  return pathname === '/forgot-password' || pathname === '/privacy' || PAGE_PATH_RE.test(pathname);
}

/** The signed-in visitor a kept copy may be served to, 'render' when Next must answer, null when signed out. */
async function keptPageViewer(req: IncomingMessage, url: URL): Promise<TSessionUser | null | 'render'> {
  const token = sessionToken(req);
  if (token === undefined) return null;
  // The landing, sign-in and sign-up redirect a signed-in visitor: no lookup here, Next makes its own.
  if (!keptForRole(url.pathname)) return 'render';
  const user = await getSessionUser(await getDb(), token).catch((e: unknown) => {
    logger().warn({ err: e }, 'session lookup for a kept page failed');
    return null;
  });
  return user ?? 'render';
}

/** Lets Next answer while keeping a copy of what it sends; `onFinish` gets the body if it was whole and small enough. */
function tee(res: ServerResponse, onFinish: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let overflow = false;
  const keep = (chunk: unknown, encoding: unknown) => {
    if (overflow || chunk === undefined || chunk === null || typeof chunk === 'function') return;
    const buf =
      typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
        : Buffer.from(chunk as Uint8Array);
    size += buf.length;
    if (size > MAX_PAGE_BYTES) {
      overflow = true;
      chunks.length = 0;
    } else chunks.push(buf);
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: ServerResponse, ...args: unknown[]) {
    keep(args[0], args[1]);
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as ServerResponse['write'];
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    keep(args[0], args[1]);
    return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['end'];
  res.once('finish', () => {
    if (!overflow) onFinish(Buffer.concat(chunks));
  });
}

/**
 * What a kept page depends on: the profile's path, or the directory's search as the page parses it — so
 * `/experts?zz=1` … `?zz=3000` (or reordered parameters) are one page, not 3,000. A search the page would
 * refuse (it renders a warning) is not kept. Null: do not keep.
 */
export function pageVariant(url: URL): string | null {
  const reads = PUBLIC_PAGES.get(url.pathname);
  if (reads) {
    const keys = [...url.searchParams.keys()];
    if (keys.some((k, i) => !reads.includes(k) || keys.indexOf(k) !== i)) return null;
    // The exact query: the page renders it (sign-in's `next`), and Next writes the URL into the page's payload.
    return url.pathname + url.search;
  }
  if (url.pathname !== '/experts') return url.pathname;
  const parsed = ZExpertSearch.safeParse(searchParamsToRecord(url.searchParams));
  return parsed.success ? `/experts?${searchKey(parsed.data)}` : null;
}

/** A page store bounded by bytes: what the in-process cache (bounded by entries only) cannot promise. */
export function createPageStore(maxBytes = PAGE_STORE_BYTES): TCache & { bytes(): number } {
  const lru = new LRUCache<string, TCachedPage>({
    maxSize: maxBytes,
    sizeCalculation: (p) => Math.max(1, p.body.length + 512),
    ttlAutopurge: false,
  });
  return {
    kind: 'memory',
    async get<T>(key: string) {
      return lru.get(key) as T | undefined;
    },
    async set(key, value, ttlSeconds) {
      lru.set(key, value as TCachedPage, { ttl: ttlSeconds * 1000 });
    },
    async del(...keys) {
      for (const k of keys) lru.delete(k);
    },
    bytes: () => lru.calculatedSize,
  };
}

const pages = globalThis as unknown as { __pathwisePageStore?: TCache };
function pageStore(cache: TCache): TCache {
  if (cache.kind === 'redis') return cache;
  pages.__pathwisePageStore ??= createPageStore();
  return pages.__pathwisePageStore;
}

async function answerPage(req: IncomingMessage, res: ServerResponse, next: TNextHandle, url: URL): Promise<void> {
  const cache = getCache();
  const store = pageStore(cache);
  const gz = acceptsGzip(req);
  const variant = pageVariant(url);
  if (!variant) return next(req, res);
  const viewer = await keptPageViewer(req, url);
  if (viewer === 'render') return next(req, res);
  const who = viewer ? `role=${viewer.role}:` : '';
  const key = await pageKey(`${currentBuildId()}:${gz ? 'gzip' : 'identity'}:${who}${variant}`, cache);
  if (!key) return next(req, res);
  // The only per-visitor part of a copy kept per role: the name, for the header.
  const nameCookie = viewer ? viewerCookie(viewer.name, secureCookies()) : undefined;
  const hit = await store.get<TCachedPage>(key);
  const requestId = requestIdOf(req);
  if (hit) {
    const body = Buffer.from(hit.body, 'base64');
    const headers: OutgoingHttpHeaders = { ...hit.headers, 'content-length': body.length, 'x-request-id': requestId, 'x-cache': 'hit' };
    if (nameCookie) headers['set-cookie'] = nameCookie;
    res.writeHead(200, headers).end(body);
    return;
  }
  res.setHeader('x-cache', 'miss');
  if (nameCookie) {
    req.headers[ROLE_SHELL_HEADER] = roleShellSecret();
    res.setHeader('set-cookie', nameCookie);
  }
  tee(res, (body) => {
    const encoding = res.getHeader('content-encoding');
    const setCookie = res.getHeader('set-cookie');
    const stored =
      res.statusCode === 200 &&
      // No cookie but the name this lane sent: a page that sets one is not the same for everyone.
      (setCookie === undefined || setCookie === nameCookie) &&
      String(res.getHeader('content-type') ?? '').startsWith('text/html') &&
      (gz ? encoding === 'gzip' : encoding === undefined);
    if (!stored) return;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.getHeaders())) {
      if (!UNSTORED.has(name) && name !== 'x-cache' && value !== undefined)
        headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    // This render's nonce must not be served to other visitors: the kept copy allows its own inline scripts by hash.
    const html = (gz ? gunzipSync(body) : body).toString('utf8');
    const e = env();
    headers['content-security-policy'] = keptPagePolicy(html, {
      dev: e.NODE_ENV !== 'production',
      imgOrigins: imageOrigins({ SUPABASE_URL: e.SUPABASE_URL }),
    });
    store
      .set<TCachedPage>(key, { headers, body: body.toString('base64') }, directoryTtl())
      .catch((e: unknown) => logger().warn({ err: e }, 'page cache write failed'));
  });
  return next(req, res);
}

/** Answers the directory's hot paths itself and hands every other request to Next. */
export const fastLane: TFastLane = async (req, res, next) => {
  delete req.headers[ROLE_SHELL_HEADER]; // only this lane marks a render as a role's copy
  if (req.method !== 'GET' || !req.url) return next(req, res);
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/api/experts') return answerDirectoryApi(req, res, url);
  const slotsSlug = slotsApiSlug(url.pathname);
  if (slotsSlug !== null) return answerSlotsApi(req, res, url, slotsSlug);
  if (isCacheablePageRequest(req, url)) return answerPage(req, res, next, url);
  return next(req, res);
};

const holder = globalThis as unknown as { __pathwiseFastLane?: TFastLane };

/** Hands the lane to server/main.mjs (which looks for it on every request). */
export function registerFastLane(): void {
  holder.__pathwiseFastLane = fastLane;
}
