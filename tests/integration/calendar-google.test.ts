import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as callbackGET } from '@/app/api/calendar/google/callback/route';
import { GET as startGET } from '@/app/api/calendar/google/start/route';
import { POST as pushPOST } from '@/app/api/calendar/google/push/route';
import { PATCH as connectionPATCH, DELETE as connectionDELETE } from '@/app/api/calendar/connections/[id]/route';
import type { TSessionUser } from '@/lib/auth/schemas';
import { afterBookingChange } from '@/lib/booking/after-change';
import { calendarJoinUrl, requestCalendarConference } from '@/lib/calendar/conference';
import { getConnection, openTokens, storeTokens } from '@/lib/calendar/connections';
import { syncBookingEvent } from '@/lib/calendar/event-sync';
import { ensureGoogleChannels } from '@/lib/calendar/google/watch';
import { sweepCalendars } from '@/lib/calendar/jobs';
import { reconnectNeeded } from '@/lib/calendar/manage';
import { markReconnect, syncConnection } from '@/lib/calendar/sync';
import {
  HOUR,
  closeCalendarTest,
  iso,
  mondayAhead,
  nyHour,
  oauthCallback,
  oauthStart,
  slotsOnDay,
  openCalendarTest,
} from '../support/calendar-harness';
import { createUser } from '../support/factories';
import { startFakeGoogle, type TFakeGoogle } from '../support/fake-google';
import { buildRequest, sessionCookie, type TRouteHandler } from '../support/route-harness';
import type { TTestDb } from '../support/test-db';

// Google Calendar end to end through the real googleapis SDK against tests/support/fake-google.ts: connect
// (OAuth with state cookie), token refresh, busy time reaching GET /api/experts/:slug/slots, push + incremental
// sync (and 410 → full sync), session events on confirm/reschedule/cancel, a revoked grant, a slow provider.

let t: TTestDb;
let g: TFakeGoogle;
let bridge: Server;
let expert: { user: TSessionUser; id: string; slug: string };
let cookie: string;
let connectionId: string;

const monday = mondayAhead();
const ny = (dayOffset: number, hour: number) => nyHour(monday, dayOffset, hour);
const mondaySlots = () => slotsOnDay(expert.slug, monday);

async function call(handler: TRouteHandler, req: NextRequest, params: Record<string, string> = {}) {
  return handler(req, { params: Promise.resolve(params) });
}

/** Drives the consent page the way a browser would: follow its "Allow" link back to our callback. */
async function connectThroughConsent(userCookie: string, opts: { tamperState?: boolean } = {}) {
  const { authorize: consentUrl, stateCookie } = await oauthStart(startGET as TRouteHandler, 'google', userCookie);
  const html = await (await fetch(consentUrl)).text();
  const allow = /<a href="([^"]+)">Allow<\/a>/.exec(html)![1].replace(/&#38;/g, '&');
  const back = new URL(allow);
  if (opts.tamperState) back.searchParams.set('state', `x${back.searchParams.get('state')}`);
  const { res, location } = await oauthCallback(callbackGET as TRouteHandler, 'google', {
    cookie: userCookie,
    stateCookie,
    query: [...back.searchParams.entries()],
  });
  return { consentUrl, res, location };
}

beforeAll(async () => {
  g = await startFakeGoogle();
  // The push bridge: Google's POSTs to the channel address reach the real route handler.
  bridge = createServer((req, res) => {
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    void pushPOST(new NextRequest(`http://localhost${req.url}`, { method: 'POST', headers }), { params: Promise.resolve({}) }).then((r) => {
      res.writeHead(r.status);
      res.end();
    });
  });
  await new Promise<void>((r) => bridge.listen(0, '127.0.0.1', r));
  // env() is parsed at first use in this file's module graph, after these.
  ({ t, expert, cookie } = await openCalendarTest({
    provider: {
      GOOGLE_CLIENT_ID: 'pathwise-test.apps.googleusercontent.com',
      GOOGLE_CLIENT_SECRET: 'test-secret',
      GOOGLE_OAUTH_BASE: g.url,
      GOOGLE_API_BASE: g.url,
    },
    appUrl: `http://127.0.0.1:${(bridge.address() as AddressInfo).port}`,
    syncTimeoutMs: 1000,
    tokenKeyByte: 7,
  }));
});
afterAll(async () => {
  await closeCalendarTest(t);
  await g.close();
  await new Promise((r) => bridge.close(r));
});
beforeEach(() => {
  g.delayMs = 0;
});

describe('connect', () => {
  it('refuses a callback whose state does not match the cookie, and stores nothing', async () => {
    const { location } = await connectThroughConsent(cookie, { tamperState: true });
    expect(location.searchParams.get('calendar_error')).toMatch(/expired|not started here/);
    expect((await t.db.query('select 1 from public.calendar_connections')).rows).toHaveLength(0);
  });

  it('asks for offline access with incremental consent, and stores the sealed tokens and the calendars', async () => {
    const { consentUrl, location } = await connectThroughConsent(cookie);
    expect(consentUrl.searchParams.get('access_type')).toBe('offline');
    expect(consentUrl.searchParams.get('include_granted_scopes')).toBe('true');
    expect(consentUrl.searchParams.get('scope')).toContain('calendar.readonly');
    expect(location.pathname).toBe('/availability');
    expect(location.searchParams.get('calendar')).toBe('connected');
    const { rows } = await t.db.query<{
      id: string;
      tokens_enc: string;
      key_id: string;
      busy_calendar_ids: string[];
      target_calendar_id: string;
      calendars: unknown[];
    }>('select * from public.calendar_connections where user_id = $1', [expert.user.id]);
    expect(rows).toHaveLength(1);
    const c = rows[0];
    connectionId = c.id;
    expect(c.key_id).toBe('k1');
    expect(c.tokens_enc).not.toMatch(/ya29|1\/\//);
    expect(openTokens(c).accessToken).toMatch(/^ya29\./);
    expect(c.calendars).toHaveLength(3);
    expect(c.busy_calendar_ids).toEqual([g.account]);
    expect(c.target_calendar_id).toBe(g.account);
    // The first full sync was queued with the connection.
    const { rows: jobs } = await t.db.query<{ name: string }>("select name from public.jobs where name = 'calendar.sync'");
    expect(jobs.length).toBeGreaterThan(0);
  });
});

describe('busy time', () => {
  it('a busy hour in Google removes the overlapping slots from the slots API', async () => {
    expect(await mondaySlots()).toContain(iso(ny(0, 10)));
    const ev = g.addBusy(g.account, new Date(ny(0, 10) + 15 * 60_000), new Date(ny(0, 11)));
    expect(await syncConnection(t.db, connectionId, { full: true })).toBe('synced');
    const slots = await mondaySlots();
    expect(slots).not.toContain(iso(ny(0, 10)));
    expect(slots).toContain(iso(ny(0, 9)));
    expect(slots).toContain(iso(ny(0, 11)));
    const { rows } = await t.db.query<{ source: string; connection_id: string }>(
      'select source, connection_id from public.busy_blocks where expert_id = $1',
      [expert.id],
    );
    expect(rows).toEqual([{ source: 'google', connection_id: connectionId }]);
    // One freeBusy request for the month.
    const fb = g.calls.filter((c) => c.path === '/calendar/v3/freeBusy').at(-1)!;
    const body = fb.body as { timeMin: string; timeMax: string };
    expect(Date.parse(body.timeMax) - Date.parse(body.timeMin)).toBe(31 * 86_400_000);
    g.removeEvent(ev.id);
    expect(await syncConnection(t.db, connectionId)).toBe('synced');
    expect(await mondaySlots()).toContain(iso(ny(0, 10)));
  });

  it('a calendar that no longer counts as busy stops blocking', async () => {
    g.addBusy('family@group.calendar.test', new Date(ny(0, 13)), new Date(ny(0, 14)));
    const patch = (json: unknown) =>
      call(
        connectionPATCH as TRouteHandler,
        buildRequest({ method: 'PATCH', path: `/api/calendar/connections/${connectionId}`, cookie, body: { json } }),
        {
          id: connectionId,
        },
      );
    expect((await patch({ busyCalendarIds: [g.account, 'family@group.calendar.test'] })).status).toBe(200);
    await syncConnection(t.db, connectionId, { full: true });
    expect(await mondaySlots()).not.toContain(iso(ny(0, 13)));
    expect((await patch({ busyCalendarIds: [g.account] })).status).toBe(200);
    expect(await mondaySlots()).toContain(iso(ny(0, 13)));
    // Rules: unknown calendar, a read-only target.
    expect((await patch({ busyCalendarIds: ['nope@x'] })).status).toBe(400);
    expect((await patch({ targetCalendarId: 'team@group.calendar.test' })).status).toBe(400);
  });

  it("someone else cannot change or disconnect the expert's connection", async () => {
    const other = await createUser(t.db, { role: 'expert' });
    const otherCookie = await sessionCookie(t.db, other);
    const res = await call(
      connectionPATCH as TRouteHandler,
      buildRequest({
        method: 'PATCH',
        path: `/api/calendar/connections/${connectionId}`,
        cookie: otherCookie,
        body: { json: { busyCalendarIds: [] } },
      }),
      { id: connectionId },
    );
    expect(res.status).toBe(404);
    const del = await call(
      connectionDELETE as TRouteHandler,
      buildRequest({ method: 'DELETE', path: `/api/calendar/connections/${connectionId}`, cookie: otherCookie }),
      {
        id: connectionId,
      },
    );
    expect(del.status).toBe(404);
    expect((await getConnection(t.db, connectionId))!.status).toBe('active');
  });

  it('refreshes the access token before it expires and stores the new one sealed', async () => {
    const before = openTokens((await getConnection(t.db, connectionId))!);
    await storeTokens(t.db, connectionId, { ...before, expiresAt: Date.now() + 60_000 });
    const refreshes = g.refreshCount;
    await syncConnection(t.db, connectionId, { full: true });
    expect(g.refreshCount).toBe(refreshes + 1);
    const after = openTokens((await getConnection(t.db, connectionId))!);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).toBe(before.refreshToken);
    expect(after.expiresAt).toBeGreaterThan(Date.now() + 30 * 60_000);
  });
});

describe('push', () => {
  it('a push notification queues an incremental sync that makes the new busy hour vanish; bad tokens are refused', async () => {
    const c = (await getConnection(t.db, connectionId))!;
    expect(await ensureGoogleChannels(t.db, c)).toBe(1);
    const ch = g.channels.find((x) => !x.stopped && x.calendarId === g.account)!;
    expect(ch.address).toMatch(/\/api\/calendar\/google\/push$/);
    expect(await g.notify(ch, 'sync')).toBe(204);
    await t.db.query("delete from public.jobs where name = 'calendar.sync'");
    g.addBusy(g.account, new Date(ny(1, 15)), new Date(ny(1, 16)));
    expect(await g.notify(ch, 'exists', 'wrong-token')).toBe(403);
    expect(await g.notify({ ...ch, id: 'unknown-channel' })).toBe(404);
    expect((await t.db.query("select 1 from public.jobs where name = 'calendar.sync'")).rows).toHaveLength(0);
    expect(await g.notify(ch)).toBe(204);
    const { rows: jobs } = await t.db.query<{ data: { connectionId: string } }>(
      "select data from public.jobs where name = 'calendar.sync'",
    );
    expect(jobs.map((j) => j.data.connectionId)).toEqual([connectionId]);
    const listsBefore = g.calls.filter((x) => x.path.endsWith('/events') && x.query.get('syncToken')).length;
    expect(await syncConnection(t.db, connectionId)).toBe('synced');
    expect(g.calls.filter((x) => x.path.endsWith('/events') && x.query.get('syncToken')).length).toBeGreaterThan(listsBefore);
    const { rows } = await t.db.query('select 1 from public.busy_blocks where expert_id = $1 and starts_at = $2', [
      expert.id,
      iso(ny(1, 15)),
    ]);
    expect(rows).toHaveLength(1);
    // Nothing changed since: the incremental read writes nothing.
    expect(await syncConnection(t.db, connectionId)).toBe('unchanged');
  });

  it('renews a channel a day before it lapses and stops the old one', async () => {
    const c = (await getConnection(t.db, connectionId))!;
    const old = c.sync_state.channels![0];
    expect(await ensureGoogleChannels(t.db, c, old.expiration - 3_600_000)).toBe(1);
    expect(g.channels.find((x) => x.id === old.channelId)!.stopped).toBe(true);
    const now = (await getConnection(t.db, connectionId))!.sync_state.channels!;
    expect(now).toHaveLength(1);
    expect(now[0].channelId).not.toBe(old.channelId);
  });

  it('a sync token Google no longer accepts (410) falls back to a full sync', async () => {
    g.invalidateSyncTokens();
    g.addBusy(g.account, new Date(ny(2, 9)), new Date(ny(2, 10)));
    expect(await syncConnection(t.db, connectionId)).toBe('synced');
    expect(await mondaySlots()).toContain(iso(ny(0, 9)));
    const { rows } = await t.db.query('select 1 from public.busy_blocks where expert_id = $1 and starts_at = $2', [
      expert.id,
      iso(ny(2, 9)),
    ]);
    expect(rows).toHaveLength(1);
  });
});

describe('session events', () => {
  async function booking(start: number) {
    const learner = await createUser(t.db, { role: 'learner', name: 'Lena Learner' });
    const { rows } = await t.db.query<{ id: string; sequence: number }>(
      `insert into public.bookings (expert_id, learner_id, starts_at, ends_at, duration_minutes, status, price_minor, currency, brief, confirmed_at)
       values ($1, $2, $3, $4, 60, 'confirmed', 7000, 'USD', 'Stuck on window functions', now()) returning id, sequence`,
      [expert.id, learner.id, iso(start), iso(start + HOUR)],
    );
    return rows[0];
  }

  it('confirm creates the event, reschedule patches it, a repeat changes nothing, cancel deletes it', async () => {
    const b = await booking(ny(3, 12));
    // The booking change queues this module's job.
    await afterBookingChange(t.db, b, 'confirmed');
    expect((await t.db.query("select 1 from public.jobs where name = 'calendar.booking-event'")).rows.length).toBeGreaterThan(0);

    expect(await syncBookingEvent(t.db, { bookingId: b.id })).toBe('written');
    const [ev] = g.liveEvents(g.account).filter((e) => e.extendedProperties?.private?.pathwiseBookingId === b.id);
    expect(ev.summary).toBe('Pathwise session with Lena Learner');
    expect(ev.description).toContain('Stuck on window functions');
    expect(ev.description).toContain(`/sessions/${b.id}`);
    expect(ev.start).toBe(iso(ny(3, 12)));
    expect(ev.attendees?.map((a) => a.displayName)).toContain('Lena Learner');

    // Idempotent: the same change again writes nothing.
    const writes = g.calls.filter((c) => c.method !== 'GET').length;
    expect(await syncBookingEvent(t.db, { bookingId: b.id })).toBe('none');
    expect(g.calls.filter((c) => c.method !== 'GET').length).toBe(writes);

    await t.db.query('update public.bookings set starts_at = $2, ends_at = $3, sequence = sequence + 1 where id = $1', [
      b.id,
      iso(ny(3, 14)),
      iso(ny(3, 15)),
    ]);
    expect(await syncBookingEvent(t.db, { bookingId: b.id })).toBe('written');
    const moved = g.events.get(ev.id)!;
    expect(moved.start).toBe(iso(ny(3, 14)));
    expect(g.liveEvents().filter((e) => e.extendedProperties?.private?.pathwiseBookingId === b.id)).toHaveLength(1);

    // The link lost (a restored backup): the booking id property finds the event, no duplicate.
    await t.db.query('delete from public.calendar_event_links where booking_id = $1', [b.id]);
    await t.db.query('update public.bookings set sequence = sequence + 1 where id = $1', [b.id]);
    expect(await syncBookingEvent(t.db, { bookingId: b.id })).toBe('written');
    expect(g.liveEvents().filter((e) => e.extendedProperties?.private?.pathwiseBookingId === b.id)).toHaveLength(1);

    await t.db.query("update public.bookings set status = 'cancelled', cancelled_by = 'learner', cancelled_at = now() where id = $1", [
      b.id,
    ]);
    expect(await syncBookingEvent(t.db, { bookingId: b.id })).toBe('deleted');
    expect(g.liveEvents().filter((e) => e.extendedProperties?.private?.pathwiseBookingId === b.id)).toHaveLength(0);
    expect(await syncBookingEvent(t.db, { bookingId: b.id })).toBe('none');
  });

  it('a booking that asked for Google Meet gets a conference and its link is kept', async () => {
    const b = await booking(ny(4, 12));
    await requestCalendarConference(t.db, b.id, 'google_meet');
    await syncBookingEvent(t.db, { bookingId: b.id });
    const insert = g.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/events')).at(-1)!;
    expect(insert.query.get('conferenceDataVersion')).toBe('1');
    expect(await calendarJoinUrl(t.db, b.id)).toMatch(/^https:\/\/meet\.google\.com\//);
  });
});

describe('failures', () => {
  it('a provider that times out leaves the last good blocks; the slots API answers without calling Google; the error is recorded', async () => {
    const slotsBefore = await mondaySlots();
    g.addBusy(g.account, new Date(ny(0, 16)), new Date(ny(0, 17)));
    g.delayMs = 2500;
    expect(await syncConnection(t.db, connectionId)).toBe('error');
    const c = (await getConnection(t.db, connectionId))!;
    expect(c.last_sync_error).toMatch(/^timeout/);
    expect(c.status).toBe('active');
    const calls = g.calls.length;
    expect(await mondaySlots()).toEqual(slotsBefore);
    expect(g.calls.length).toBe(calls);
    g.delayMs = 0;
    await new Promise((r) => setTimeout(r, 1600));
    expect(await syncConnection(t.db, connectionId)).toBe('synced');
    expect((await getConnection(t.db, connectionId))!.last_sync_error).toBeNull();
    expect(await mondaySlots()).not.toContain(iso(ny(0, 16)));
  });

  it('a revoked grant: blocks keep counting until the expert is told, then Reconnect and the blocks stop', async () => {
    // Telling the expert fails for now (the notification insert is refused): the grant is marked, the blocks stay.
    await t.db.query("alter table public.notifications add constraint calendar_test_no_reconnect check (kind <> 'calendar.reconnect')");
    try {
      await markReconnect(t.db, connectionId, 'invalid_grant: Token has been expired or revoked.');
      const c = (await getConnection(t.db, connectionId))!;
      expect(c.status).toBe('reconnect');
      expect(c.expert_told_at).toBeNull();
      expect(await mondaySlots()).not.toContain(iso(ny(0, 16)));
      await sweepCalendars(t.db);
      expect(await mondaySlots()).not.toContain(iso(ny(0, 16)));
    } finally {
      await t.db.query('alter table public.notifications drop constraint calendar_test_no_reconnect');
    }
    // The sweep retries the notice; once it is sent, the blocks stop counting.
    await sweepCalendars(t.db);
    expect((await getConnection(t.db, connectionId))!.expert_told_at).not.toBeNull();
    expect(await mondaySlots()).toContain(iso(ny(0, 16)));
    const { rows: notes } = await t.db.query<{ kind: string; link: string }>(
      'select kind, link from public.notifications where user_id = $1',
      [expert.user.id],
    );
    expect(notes).toEqual([{ kind: 'calendar.reconnect', link: '/availability#calendars' }]);
    const { rows: mail } = await t.db.query<{ recipient: string }>(
      "select recipient from public.outbox_messages where template = 'calendar.reconnect'",
    );
    expect(mail.map((m) => m.recipient)).toEqual([expert.user.email]);
    // Told once: another sweep sends nothing more.
    await sweepCalendars(t.db);
    expect((await t.db.query('select 1 from public.notifications where user_id = $1', [expert.user.id])).rows).toHaveLength(1);
  });

  it('Google refusing the refresh token (invalid_grant) asks for Reconnect and tells the expert', async () => {
    const { location } = await connectThroughConsent(cookie);
    expect(location.searchParams.get('calendar')).toBe('connected');
    expect((await getConnection(t.db, connectionId))!.status).toBe('active');
    await syncConnection(t.db, connectionId, { full: true });
    expect(await mondaySlots()).not.toContain(iso(ny(0, 16)));
    g.revoke();
    const tokens = openTokens((await getConnection(t.db, connectionId))!);
    await storeTokens(t.db, connectionId, { ...tokens, expiresAt: Date.now() - 1000 });
    expect(await syncConnection(t.db, connectionId)).toBe('reconnect');
    const c = (await getConnection(t.db, connectionId))!;
    expect(c.status).toBe('reconnect');
    expect(c.expert_told_at).not.toBeNull();
    expect(await mondaySlots()).toContain(iso(ny(0, 16)));
    expect(await reconnectNeeded(t.db, expert.user.id)).toEqual([
      { id: connectionId, provider: 'google', label: 'Google Calendar', accountEmail: g.account },
    ]);
    expect(
      (await t.db.query("select 1 from public.notifications where user_id = $1 and kind = 'calendar.reconnect'", [expert.user.id])).rows,
    ).toHaveLength(2);
  });

  it('disconnect forgets the tokens and removes the blocks', async () => {
    await connectThroughConsent(cookie);
    await syncConnection(t.db, connectionId, { full: true });
    expect(await mondaySlots()).not.toContain(iso(ny(0, 16)));
    const del = await call(
      connectionDELETE as TRouteHandler,
      buildRequest({ method: 'DELETE', path: `/api/calendar/connections/${connectionId}`, cookie }),
      {
        id: connectionId,
      },
    );
    expect(del.status).toBe(204);
    const c = (await getConnection(t.db, connectionId))!;
    expect(c.status).toBe('disconnected');
    expect(c.tokens_enc).toBeNull();
    expect(await mondaySlots()).toContain(iso(ny(0, 16)));
  });
});
