import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETE as revokeFeed, GET as feedState, POST as createFeed } from '@/app/api/calendar/feed/route';
import { GET as readFeed } from '@/app/api/calendar/feed/[token]/route';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createBooking } from '../support/booking-factories';
import { createExpertProfile, createUser, uniqueIp } from '../support/factories';
import { parseIcs, prop, requireValidCalendar } from '../support/ics-parse';
import { callRoute, closeRouteDb, openRouteDb, sessionCookie, type TRouteHandler } from '../support/route-harness';
import type { TTestDb } from '../support/test-db';

// The private ICS feed (issue #11) through its route handlers on a real database: the URL from POST reads the
// owner's sessions as a valid RFC 5545 calendar with stable UIDs and SEQUENCE, cancelled sessions say so, a
// rotated or revoked token answers 404, another user's token never shows these sessions, only a hash is stored.

let t: TTestDb;
let learnerA: TSessionUser;
let learnerB: TSessionUser;
let expert: TSessionUser;
const cookie: Record<string, string> = {};
const b: Record<string, { id: string }> = {};

const tokenOf = (url: string) => /\/api\/calendar\/feed\/([^/]+)$/.exec(url)![1];

async function newFeed(who: string): Promise<string> {
  const r = await callRoute(createFeed as TRouteHandler, { method: 'POST', path: '/api/calendar/feed', cookie: cookie[who] });
  expect(r.status).toBe(201);
  return (JSON.parse(r.text) as { url: string }).url;
}

function fetchFeed(url: string, ip = '10.1.1.1') {
  const token = tokenOf(url);
  return callRoute(readFeed as TRouteHandler, { method: 'GET', path: `/api/calendar/feed/${token}`, params: { token }, ip });
}

async function events(url: string) {
  const r = await fetchFeed(url);
  expect(r.status).toBe(200);
  return requireValidCalendar(parseIcs(r.text));
}

beforeAll(async () => {
  t = await openRouteDb();
  learnerA = await createUser(t.db, { role: 'learner', name: 'Ada Learner' });
  learnerB = await createUser(t.db, { role: 'learner', name: 'Bo Learner' });
  expert = await createUser(t.db, { role: 'expert' });
  const profile = await createExpertProfile(t.db, expert.id);
  for (const [k, u] of [
    ['a', learnerA],
    ['b', learnerB],
    ['e', expert],
  ] as const)
    cookie[k] = await sessionCookie(t.db, u);
  b.aConfirmed = await createBooking(t.db, profile.id, learnerA.id, { status: 'confirmed', endedHoursAgo: -48 });
  b.aCancelled = await createBooking(t.db, profile.id, learnerA.id, { status: 'cancelled', endedHoursAgo: -72, cancelledBy: 'learner' });
  b.aHeld = await createBooking(t.db, profile.id, learnerA.id, { status: 'held', endedHoursAgo: -96 });
  b.aOld = await createBooking(t.db, profile.id, learnerA.id, { status: 'completed', endedHoursAgo: 24 * 200 });
  b.bConfirmed = await createBooking(t.db, profile.id, learnerB.id, { status: 'confirmed', endedHoursAgo: -120 });
  // A long brief: its DESCRIPTION line must be folded at 75 octets (multi-byte characters included).
  await t.db.query('update public.bookings set brief = $2 where id = $1', [b.aConfirmed.id, 'Window functions — übung '.repeat(12)]);
});
afterAll(() => closeRouteDb(t));

describe('private ICS feed', () => {
  it('a signed-out caller cannot make a feed', async () => {
    const r = await callRoute(createFeed as TRouteHandler, { method: 'POST', path: '/api/calendar/feed' });
    expect(r.status).toBe(401);
  });

  it("serves the owner's sessions as a valid calendar with stable UIDs, SEQUENCE and cancelled status", async () => {
    const url = await newFeed('a');
    expect(url).toMatch(/^http:\/\/localhost:3000\/api\/calendar\/feed\/[A-Za-z0-9_-]{43}\.ics$/);
    const r = await fetchFeed(url);
    expect(r.status).toBe(200);
    const cal = parseIcs(r.text);
    const evs = requireValidCalendar(cal);
    expect(prop(cal, 'METHOD')).toBe('PUBLISH');
    const byUid = new Map(evs.map((e) => [prop(e, 'UID'), e]));
    // Confirmed and cancelled appear; a mere hold and a session long past do not; learner B's never.
    expect([...byUid.keys()].sort()).toEqual([`${b.aConfirmed.id}@pathwise`, `${b.aCancelled.id}@pathwise`].sort());
    expect(prop(byUid.get(`${b.aCancelled.id}@pathwise`)!, 'STATUS')).toBe('CANCELLED');
    expect(prop(byUid.get(`${b.aConfirmed.id}@pathwise`)!, 'STATUS')).toBe('CONFIRMED');
    expect(prop(byUid.get(`${b.aConfirmed.id}@pathwise`)!, 'DESCRIPTION')).toContain('übung');

    // A reschedule bumps bookings.sequence: same UID, higher SEQUENCE, new time.
    await t.db.query(
      "update public.bookings set sequence = 2, starts_at = starts_at + interval '1 day', ends_at = ends_at + interval '1 day', blocked_from = blocked_from + interval '1 day', blocked_to = blocked_to + interval '1 day' where id = $1",
      [b.aConfirmed.id],
    );
    const again = new Map((await events(url)).map((e) => [prop(e, 'UID'), e]));
    expect([...again.keys()].sort()).toEqual([...byUid.keys()].sort());
    const moved = again.get(`${b.aConfirmed.id}@pathwise`)!;
    expect(prop(moved, 'SEQUENCE')).toBe('2');
    expect(prop(moved, 'DTSTART')).not.toBe(prop(byUid.get(`${b.aConfirmed.id}@pathwise`)!, 'DTSTART'));
  });

  it("another user's token never shows my sessions; the expert's shows both learners'", async () => {
    const bUids = (await events(await newFeed('b'))).map((e) => prop(e, 'UID'));
    expect(bUids).toEqual([`${b.bConfirmed.id}@pathwise`]);
    const eUids = (await events(await newFeed('e'))).map((e) => prop(e, 'UID'));
    expect(eUids).toEqual(expect.arrayContaining([`${b.aConfirmed.id}@pathwise`, `${b.bConfirmed.id}@pathwise`]));
    expect(eUids).not.toContain(`${b.aHeld.id}@pathwise`);
  });

  it('stores only the SHA-256 of the token', async () => {
    const url = await newFeed('b');
    const token = tokenOf(url).replace(/\.ics$/, '');
    const { rows } = await t.db.query<{ token_hash: string }>(
      'select token_hash from public.ics_feed_tokens where user_id = $1 and revoked_at is null',
      [learnerB.id],
    );
    expect(rows).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex') }]);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('a rotated token and a revoked token answer 404; state says whether a feed is active', async () => {
    const first = await newFeed('a');
    const second = await newFeed('a');
    expect((await fetchFeed(first)).status).toBe(404);
    expect((await fetchFeed(second)).status).toBe(200);
    const revoked = await callRoute(revokeFeed as TRouteHandler, { method: 'DELETE', path: '/api/calendar/feed', cookie: cookie.a });
    expect(JSON.parse(revoked.text)).toMatchObject({ active: false });
    expect((await fetchFeed(second)).status).toBe(404);
    const state = await callRoute(feedState as TRouteHandler, { method: 'GET', path: '/api/calendar/feed', cookie: cookie.a });
    expect(JSON.parse(state.text)).toMatchObject({ active: false });
    // Malformed tokens are the same 404 as unknown ones.
    for (const token of ['nope', 'x'.repeat(43), '../../etc/passwd'])
      expect((await callRoute(readFeed as TRouteHandler, { method: 'GET', path: '/x', params: { token } })).status).toBe(404);
  });

  it('rate-limits fetches of one token', async () => {
    const url = await newFeed('e');
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await fetchFeed(url, uniqueIp())).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
