import { NextRequest } from 'next/server';
import { expect, vi } from 'vitest';
import { GET as slotsGET } from '@/app/api/experts/[slug]/slots/route';
import type { TSessionUser } from '@/lib/auth/schemas';
import { addDays, wallToInstant } from '@/lib/availability/zoned-time';
import type { TSlotsResponse } from '@/lib/booking/contract';
import { registerCalendarJobs } from '@/lib/calendar/jobs';
import { STATE_COOKIE } from '@/lib/calendar/manage';
import type { TPrivilegedTx, TQueryable } from '@/lib/db/types';
import { bookableExpert } from '../integration/booking.fixtures';
import { buildRequest, closeRouteDb, openRouteDb, sessionCookie, type TRouteHandler } from './route-harness';
import type { TTestDb } from './test-db';

// What the calendar provider tests (calendar-google, calendar-outlook, calendar-calendly) share: an expert in New
// York with weekday hours, a Monday a few days ahead and its wall-clock hours, the slots the public API offers on
// it, the calendar env a provider's fake needs, and the OAuth round trip through the start and callback routes.

export const NY = 'America/New_York';
export const HOUR = 3_600_000;
export const iso = (n: number) => new Date(n).toISOString();

/** The first Monday at least three days from today (YYYY-MM-DD). */
export function mondayAhead(): string {
  let d = addDays(new Date().toISOString().slice(0, 10), 3);
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 1) d = addDays(d, 1);
  return d;
}

/** The instant of `hour`:00 in New York, `dayOffset` days after `monday`. */
export function nyHour(monday: string, dayOffset: number, hour: number): number {
  const [y, m, d] = addDays(monday, dayOffset).split('-').map(Number);
  return wallToInstant(NY, Date.UTC(y, m - 1, d, hour, 0));
}

/** The 60-minute slot starts GET /api/experts/:slug/slots offers on `day` (New York). */
export async function slotsOnDay(slug: string, day: string): Promise<string[]> {
  const res = await slotsGET(
    new NextRequest(
      `http://localhost/api/experts/${slug}/slots?${new URLSearchParams({ from: day, to: addDays(day, 1), length: '60', tz: NY })}`,
    ),
    { params: Promise.resolve({ slug }) },
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as TSlotsResponse).slots.map((s) => s.start);
}

/**
 * The env every calendar test sets before env() is first parsed, plus the provider's own values: a sync timeout
 * and a token key (a different key byte per file, so no file can open another's sealed tokens by accident).
 */
export type TCalendarEnv = { appUrl: string; syncTimeoutMs: number; tokenKeyByte: number; provider: Record<string, string> };
export function stubCalendarEnv(o: TCalendarEnv) {
  for (const [k, v] of Object.entries(o.provider)) vi.stubEnv(k, v);
  vi.stubEnv('APP_URL', o.appUrl);
  vi.stubEnv('CALENDAR_SYNC_TIMEOUT_MS', String(o.syncTimeoutMs));
  vi.stubEnv('CALENDAR_TOKEN_KEYS', `k1:${Buffer.alloc(32, o.tokenKeyByte).toString('base64')}`);
}

/** A bookable expert in New York, open 9:00–17:00 on weekdays, no notice, hourly slots; with a session cookie. */
export async function calendarExpert(
  db: TPrivilegedTx,
): Promise<{ expert: { user: TSessionUser; id: string; slug: string }; cookie: string }> {
  const expert = await bookableExpert(db, { timezone: NY });
  for (let weekday = 1; weekday <= 5; weekday++)
    await db.query('insert into public.availability_rules (expert_id, weekday, start_minute, end_minute) values ($1, $2, 540, 1020)', [
      expert.id,
      weekday,
    ]);
  await db.query(
    'insert into public.availability_settings (expert_id, min_notice_minutes, horizon_days, slot_interval_minutes) values ($1, 0, 365, 60)',
    [expert.id],
  );
  return { expert, cookie: await sessionCookie(db, expert.user) };
}

export type TCalendarTest = { t: TTestDb; expert: { user: TSessionUser; id: string; slug: string }; cookie: string };

/** beforeAll of a provider test: the env (before env() is first parsed), the route database, the calendar jobs, the expert. */
export async function openCalendarTest(env: TCalendarEnv): Promise<TCalendarTest> {
  stubCalendarEnv(env);
  const t = await openRouteDb();
  registerCalendarJobs();
  return { t, ...(await calendarExpert(t.db)) };
}

/** afterAll of a provider test (the fake provider is closed by the test itself). */
export async function closeCalendarTest(t: TTestDb): Promise<void> {
  vi.unstubAllEnvs();
  await closeRouteDb(t);
}

/** Calendar sync jobs queued and not yet done for one connection. */
export async function pendingSyncJobs(db: TQueryable, connectionId: string): Promise<number> {
  const { rows } = await db.query(
    "select 1 from public.jobs where name = 'calendar.sync' and data->>'connectionId' = $1 and done_at is null",
    [connectionId],
  );
  return rows.length;
}

const noParams = { params: Promise.resolve({}) };

/** GET /api/calendar/<provider>/start: the consent page's address and the state cookie it set (303 expected). */
export async function oauthStart(
  startGET: TRouteHandler,
  provider: string,
  cookie: string,
): Promise<{ authorize: URL; stateCookie: string }> {
  const res = await startGET(buildRequest({ method: 'GET', path: `/api/calendar/${provider}/start`, cookie }), noParams);
  expect(res.status).toBe(303);
  const stateCookie = new RegExp(`${STATE_COOKIE}=([^;]+)`).exec(res.headers.get('set-cookie') ?? '')![1];
  return { authorize: new URL(res.headers.get('location')!), stateCookie };
}

/** GET /api/calendar/<provider>/callback as the provider sends the browser back, with the state cookie. */
export async function oauthCallback(
  callbackGET: TRouteHandler,
  provider: string,
  o: { cookie: string; stateCookie: string; query: Array<[string, string]> },
): Promise<{ res: Response; location: URL }> {
  const res = await callbackGET(
    buildRequest({
      method: 'GET',
      path: `/api/calendar/${provider}/callback`,
      query: o.query,
      cookie: `${o.cookie}; ${STATE_COOKIE}=${o.stateCookie}`,
    }),
    noParams,
  );
  return { res, location: new URL(res.headers.get('location')!) };
}
