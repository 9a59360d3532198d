import { NextRequest } from 'next/server';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createSession } from '@/lib/auth/sessions';
import { createMemoryCache } from '@/lib/cache/cache';
import type { TPrivilegedTx, TQueryable } from '@/lib/db/types';
import { requestScope, type TScope } from './request-scope';
import { createTestDb, type TTestDb } from './test-db';

// Calls an app/api/**/route.ts handler directly, the way the integration tests do (route-guard, reviews-routes,
// availability-api): a NextRequest with same-origin headers, a session cookie, the client-ip header main.mjs sets,
// and `{ params: Promise }` as the second argument. The database is the per-file test database put where
// lib/db getDb() finds it (globalThis.__pathwiseDb), with an in-process cache.
//
// Two Next request-scope APIs do not exist outside Next's server: `cookies()` (sign-in, sign-up, sign-out) and
// `after()` (work deferred past the answer). The test file mocks both with `harnessMocks` from ./request-scope
// (vi.mock is hoisted per file, so the mock calls live there; that module imports nothing from Next, so the mock
// factories do not wait on the module they replace). They are bound to the call in flight: a handler sees its own
// request's cookies, and its deferred work runs (and must not throw) before callRoute returns.

export { harnessMocks, noteDbErrors } from './request-scope';

export const BASE = 'http://localhost:3000';
const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown>; __pathwiseCache?: unknown };

/** A fresh migrated database (PGlite, or TEST_DATABASE_URL's server) that route handlers reach through getDb(). */
export async function openRouteDb(): Promise<TTestDb> {
  const t = await createTestDb();
  holder.__pathwiseDb = Promise.resolve(t.db);
  holder.__pathwiseCache = createMemoryCache();
  return t;
}

export async function closeRouteDb(t: TTestDb): Promise<void> {
  holder.__pathwiseDb = undefined;
  await t.drop();
}

export async function sessionCookie(db: TPrivilegedTx, user: TSessionUser): Promise<string> {
  return `pw_session=${(await createSession(db, user.id, 1)).token}`;
}

export type TRouteHandler = (req: NextRequest, segment: { params: Promise<Record<string, unknown>> }) => Promise<Response>;

/** A body: a JSON value (serialised), a raw string sent as it is, or multipart form data. */
export type TBody = { json: unknown } | { raw: string } | { form: FormData };

export type TCall = {
  method: string;
  /** The URL path (for the log and the request URL; handlers read params from `params`). */
  path: string;
  params?: Record<string, string | string[]>;
  /** Query pairs, appended in order (a key may repeat). */
  query?: Array<[string, string]>;
  body?: TBody;
  cookie?: string;
  ip?: string;
  headers?: Record<string, string>;
};

export type TCallResult = { status: number; text: string; setCookies: Map<string, string>; dbErrors: string[] };

/** The request Next would hand a route handler: same-origin, JSON or multipart, with the session cookie. */
export function buildRequest(c: TCall): NextRequest {
  const url = new URL(c.path, BASE);
  for (const [k, v] of c.query ?? []) url.searchParams.append(k, v);
  const headers: Record<string, string> = {
    host: 'localhost:3000',
    origin: BASE,
    'sec-fetch-site': 'same-origin',
    'x-pathwise-client-ip': c.ip ?? '10.9.9.9',
    accept: 'application/json',
  };
  if (c.cookie) headers.cookie = c.cookie;
  let body: string | FormData | undefined;
  if (c.body && 'form' in c.body)
    body = c.body.form; // fetch sets multipart/form-data with its boundary
  else if (c.body) {
    const text = 'raw' in c.body ? c.body.raw : JSON.stringify(c.body.json);
    if (text !== undefined) {
      body = text;
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(text));
    }
  }
  return new NextRequest(url, { method: c.method, body, headers: { ...headers, ...c.headers } });
}

/** Calls the handler as Next would and waits for its deferred work too. A deferred task that throws rethrows here. */
export async function callRoute(handler: TRouteHandler, c: TCall): Promise<TCallResult> {
  const req = buildRequest(c);
  const s: TScope = { req, setCookies: new Map(), deferred: [], dbErrors: [] };
  const res = await requestScope.run(s, () => handler(req, { params: Promise.resolve(c.params ?? {}) }));
  const text = await res.text();
  // Deferred work may defer more; drain until quiet.
  while (s.deferred.length) await s.deferred.shift();
  return { status: res.status, text, setCookies: s.setCookies, dbErrors: s.dbErrors };
}

export type TSnapshot = Map<string, string>;

/**
 * Every public table's row count and newest row version (max xmin), in one statement. An insert or an update
 * writes a row version with a newer xmin, a delete lowers the count, so two equal snapshots mean no row was
 * written. Cheaper than hashing rows: it reads no column values.
 */
export async function snapshotTables(db: TQueryable): Promise<TSnapshot> {
  const { rows: tables } = await db.query<{ name: string }>(
    "select tablename as name from pg_tables where schemaname = 'public' order by 1",
  );
  const sql = tables
    .map(
      (t) =>
        `select '${t.name}' as name, count(*)::text || ':' || coalesce(max(x.xmin::text::bigint), 0)::text as sig from public."${t.name}" x`,
    )
    .join(' union all ');
  const { rows } = await db.query<{ name: string; sig: string }>(sql);
  return new Map(rows.map((r) => [r.name, r.sig]));
}

/** The tables whose count or contents differ between two snapshots. */
export function changedTables(before: TSnapshot, after: TSnapshot): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort();
}

/**
 * Snapshots that skip the table scans while nothing was written: a transaction gets an id only when it writes,
 * so while the next transaction id stays the same, the last snapshot still holds. On PGlite nothing else writes;
 * on a shared Postgres server other databases move the counter, and every snapshot is then taken in full.
 */
export function createWriteWatcher(db: TQueryable) {
  let last: { xid: string; snapshot: TSnapshot } | null = null;
  const nextXid = async () => (await db.query<{ xid: string }>('select pg_snapshot_xmax(pg_current_snapshot())::text as xid')).rows[0].xid;
  return async function snapshot(): Promise<TSnapshot> {
    const xid = await nextXid();
    if (last?.xid === xid) return last.snapshot;
    const taken = await snapshotTables(db);
    // Taken after reading the id: a write in between makes the next read differ, never a stale snapshot kept.
    last = { xid, snapshot: taken };
    return taken;
  };
}
