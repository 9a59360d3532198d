import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as callbackGET } from '@/app/api/calendar/calendly/callback/route';
import { POST as connectPOST } from '@/app/api/calendar/calendly/connect/route';
import { POST as webhookPOST } from '@/app/api/calendar/calendly/webhook/route';
import { GET as startGET } from '@/app/api/calendar/calendly/start/route';
import type { TSessionUser } from '@/lib/auth/schemas';
import { ensureCalendlyWebhook } from '@/lib/calendar/calendly/push';
import { signCalendlyBody, verifyCalendlySignature } from '@/lib/calendar/calendly/webhooks';
import { getConnection, openTokens, storeTokens } from '@/lib/calendar/connections';
import { syncConnection } from '@/lib/calendar/sync';
import {
  closeCalendarTest,
  iso,
  mondayAhead,
  nyHour,
  oauthCallback,
  oauthStart,
  pendingSyncJobs,
  slotsOnDay,
  openCalendarTest,
} from '../support/calendar-harness';
import { createUser } from '../support/factories';
import { fakeCalendly, type TFakeCalendly } from '../support/fake-calendly';
import { callRoute, changedTables, sessionCookie, snapshotTables, type TRouteHandler } from '../support/route-harness';
import type { TTestDb } from '../support/test-db';

// Calendly (API v2 over fetch) against tests/support/fake-calendly.ts: connect with a personal access token and
// with OAuth (then a token refresh), scheduled events reaching the slots API through the paginated list, a signed
// webhook queueing a re-read, bad and stale signatures refused with nothing changed, a timeout, a revoked token.

let t: TTestDb;
let cal: TFakeCalendly;
let expert: { user: TSessionUser; id: string; slug: string };
let cookie: string;
let connectionId: string;
const last: { status: number; text: string }[] = [];

const monday = mondayAhead();
const ny = (dayOffset: number, hour: number) => nyHour(monday, dayOffset, hour);
const mondaySlots = () => slotsOnDay(expert.slug, monday);

/** Calendly's deliveries reach the real webhook route (server to server: no Origin, no session). */
async function deliver(url: string, body: string, signature: string) {
  const u = new URL(url);
  const req = new NextRequest(`http://localhost:3000${u.pathname}${u.search}`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'calendly-webhook-signature': signature,
    },
  });
  const res = await (webhookPOST as TRouteHandler)(req, { params: Promise.resolve({}) });
  last.push({ status: res.status, text: await res.text() });
}

const queuedSyncs = () => pendingSyncJobs(t.db, connectionId);

beforeAll(async () => {
  cal = await fakeCalendly({ deliver });
  ({ t, expert, cookie } = await openCalendarTest({
    provider: {
      CALENDLY_CLIENT_ID: cal.clientId,
      CALENDLY_CLIENT_SECRET: cal.clientSecret,
      CALENDLY_API_BASE: cal.url,
      CALENDLY_AUTH_BASE: cal.url,
    },
    appUrl: 'http://localhost:3000',
    syncTimeoutMs: 800,
    tokenKeyByte: 5,
  }));
});
afterAll(async () => {
  await closeCalendarTest(t);
  await cal.close();
});

describe('connect', () => {
  it('refuses a token Calendly does not accept, with a field message, and stores nothing', async () => {
    const r = await callRoute(connectPOST as TRouteHandler, {
      method: 'POST',
      path: '/api/calendar/calendly/connect',
      cookie,
      body: { json: { token: 'not-a-real-token-but-long-enough' } },
    });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error.fields.token).toMatch(/did not accept/);
    expect((await t.db.query('select 1 from public.calendar_connections')).rows).toHaveLength(0);
  });

  it('only experts connect calendars', async () => {
    const learner = await createUser(t.db, { role: 'learner' });
    const r = await callRoute(connectPOST as TRouteHandler, {
      method: 'POST',
      path: '/api/calendar/calendly/connect',
      cookie: await sessionCookie(t.db, learner),
      body: { json: { token: cal.personalToken } },
    });
    expect(r.status).toBe(403);
  });

  it('connects with a personal access token: sealed, the user URI kept, scheduled events as the one busy calendar', async () => {
    const r = await callRoute(connectPOST as TRouteHandler, {
      method: 'POST',
      path: '/api/calendar/calendly/connect',
      cookie,
      body: { json: { token: cal.personalToken } },
    });
    expect(r.status).toBe(201);
    const view = JSON.parse(r.text) as {
      id: string;
      provider: string;
      accountEmail: string;
      canWriteEvents: boolean;
      busyCalendarIds: string[];
    };
    expect(view).toMatchObject({
      provider: 'calendly',
      accountEmail: 'casey@calendly.example',
      canWriteEvents: false,
      busyCalendarIds: ['scheduled_events'],
    });
    connectionId = view.id;
    const c = (await getConnection(t.db, connectionId))!;
    expect(c.tokens_enc).not.toContain(cal.personalToken);
    expect(openTokens(c)).toMatchObject({ accessToken: cal.personalToken, extra: { userUri: cal.userUri } });
    expect(c.target_calendar_id).toBeNull();
  });
});

describe('busy time', () => {
  it("the expert's scheduled Calendly events (all pages) remove the overlapping slots; canceled ones do not", async () => {
    cal.addEvent(iso(ny(0, 10)), iso(ny(0, 11)));
    cal.addEvent(iso(ny(0, 11)), iso(ny(0, 12)));
    const gone = cal.addEvent(iso(ny(0, 13)), iso(ny(0, 14)));
    cal.cancelEvent(gone.uuid);
    cal.pageSize = 1;
    expect(await syncConnection(t.db, connectionId, { full: true })).toBe('synced');
    cal.pageSize = 100;
    const slots = await mondaySlots();
    expect(slots).not.toContain(iso(ny(0, 10)));
    expect(slots).not.toContain(iso(ny(0, 11)));
    expect(slots).toContain(iso(ny(0, 13)));
    const list = cal.log.filter((l) => l.startsWith('GET /scheduled_events'));
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(list[0]).toContain('status=active');
    expect(list[0]).toContain('min_start_time=');
  });
});

describe('webhooks', () => {
  it('creates a user-scoped webhook subscription with its own signing key', async () => {
    expect(await ensureCalendlyWebhook(t.db, (await getConnection(t.db, connectionId))!)).toBe(true);
    const [hook] = [...cal.webhooks.values()];
    expect(hook.url).toBe(`http://localhost:3000/api/calendar/calendly/webhook?c=${connectionId}`);
    expect(hook.events).toEqual(['invitee.created', 'invitee.canceled']);
    expect(hook.signingKey.length).toBeGreaterThanOrEqual(32);
    // Once is enough.
    expect(await ensureCalendlyWebhook(t.db, (await getConnection(t.db, connectionId))!)).toBe(false);
  });

  it('a tampered body and a stale signature are refused with 400 and change nothing', async () => {
    await t.db.query("delete from public.jobs where name = 'calendar.sync'");
    const ev = cal.addEvent(iso(ny(0, 15)), iso(ny(0, 16)));
    const before = await snapshotTables(t.db);
    await cal.deliver('invitee.created', ev, { tamper: true });
    await cal.deliver('invitee.created', ev, { ageS: 600 });
    expect(last.splice(0).map((r) => r.status)).toEqual([400, 400]);
    expect(changedTables(before, await snapshotTables(t.db))).toEqual([]);
    // Unknown connection id and no signature at all: the same 400.
    await deliver('http://localhost:3000/api/calendar/calendly/webhook?c=00000000-0000-4000-8000-000000000000', '{}', 't=1,v1=00');
    await deliver(`http://localhost:3000/api/calendar/calendly/webhook?c=${connectionId}`, '{}', '');
    expect(last.splice(0).map((r) => r.status)).toEqual([400, 400]);
    expect(await queuedSyncs()).toBe(0);
  });

  it('a good signature queues a re-read that makes the new booking block its slot; a cancellation frees it', async () => {
    const ev = [...cal.events.values()].find((e) => e.start === iso(ny(0, 15)))!;
    await cal.deliver('invitee.created', ev);
    expect(last.splice(0).map((r) => r.status)).toEqual([200]);
    expect(await queuedSyncs()).toBe(1);
    expect(await syncConnection(t.db, connectionId, { full: true })).toBe('synced');
    expect(await mondaySlots()).not.toContain(iso(ny(0, 15)));
    cal.cancelEvent(ev.uuid);
    await cal.deliver('invitee.canceled', ev);
    expect(last.splice(0).map((r) => r.status)).toEqual([200]);
    expect(await syncConnection(t.db, connectionId, { full: true })).toBe('synced');
    expect(await mondaySlots()).toContain(iso(ny(0, 15)));
  });

  it('verifies signatures as Calendly documents them (t.body, HMAC-SHA256, tolerance)', () => {
    const now = 1_800_000_000;
    const sig = signCalendlyBody('key', '{"a":1}', now);
    expect(verifyCalendlySignature(sig, '{"a":1}', 'key', now + 170)).toEqual({ ok: true });
    expect(verifyCalendlySignature(sig, '{"a":1}', 'key', now + 200)).toEqual({ ok: false, reason: 'stale' });
    expect(verifyCalendlySignature(sig, '{"a":2}', 'key', now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyCalendlySignature(sig, '{"a":1}', 'other', now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyCalendlySignature('v1=abc', '{"a":1}', 'key', now)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('oauth, refresh and failures', () => {
  it('connects through OAuth and refreshes the token before it expires', async () => {
    const { authorize, stateCookie } = await oauthStart(startGET as TRouteHandler, 'calendly', cookie);
    expect(authorize.pathname).toBe('/oauth/authorize');
    const { location } = await oauthCallback(callbackGET as TRouteHandler, 'calendly', {
      cookie,
      stateCookie,
      query: [
        ['code', cal.issueCode()],
        ['state', authorize.searchParams.get('state')!],
      ],
    });
    expect(location.searchParams.get('calendar')).toBe('connected');
    // Same Calendly user: the connection row is renewed, now with OAuth tokens.
    const c = (await getConnection(t.db, connectionId))!;
    const tokens = openTokens(c);
    expect(tokens.refreshToken).toMatch(/^cal-rt-/);
    await storeTokens(t.db, connectionId, { ...tokens, expiresAt: Date.now() + 1000 });
    expect(await syncConnection(t.db, connectionId)).toBe('unchanged');
    const after = openTokens((await getConnection(t.db, connectionId))!);
    expect(after.accessToken).not.toBe(tokens.accessToken);
    expect(after.extra?.userUri).toBe(cal.userUri);
  });

  it('a Calendly that does not answer: timeout recorded, the last good blocks stay', async () => {
    const before = await mondaySlots();
    cal.hang = true;
    expect(await syncConnection(t.db, connectionId)).toBe('error');
    cal.hang = false;
    expect((await getConnection(t.db, connectionId))!.last_sync_error).toMatch(/^timeout/);
    expect(await mondaySlots()).toEqual(before);
  });

  it('a revoked token (401) asks for Reconnect', async () => {
    cal.revokeAll();
    expect(await syncConnection(t.db, connectionId)).toBe('reconnect');
    expect((await getConnection(t.db, connectionId))!.status).toBe('reconnect');
  });
});
