import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as callbackGET } from '@/app/api/calendar/outlook/callback/route';
import { POST as notifyPOST } from '@/app/api/calendar/outlook/notify/route';
import { GET as startGET } from '@/app/api/calendar/outlook/start/route';
import type { TSessionUser } from '@/lib/auth/schemas';
import { getConnection, openTokens, storeTokens } from '@/lib/calendar/connections';
import { syncBookingEvent } from '@/lib/calendar/event-sync';
import { disconnect, reconnectNeeded } from '@/lib/calendar/manage';
import { ensureOutlookSubscriptions } from '@/lib/calendar/outlook/push';
import { syncConnection } from '@/lib/calendar/sync';
import {
  HOUR,
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
import { fakeMicrosoft, trustFakeTls, type TFakeMicrosoft } from '../support/fake-microsoft';
import type { TRouteHandler } from '../support/route-harness';
import type { TTestDb } from '../support/test-db';

// Outlook end to end through the real @azure/msal-node and @microsoft/microsoft-graph-client against
// tests/support/fake-microsoft.ts (HTTPS, OpenID discovery, token endpoint, Graph): connect with the auth code flow,
// token refresh through msal's cache, busy time reaching the slots API, a Graph subscription (validation handshake
// answered by the real notify route) and a notification followed by a delta sync, session events created, patched
// and deleted with the booking id in an extended property, a provider that times out, a revoked grant.

let t: TTestDb;
let ms: TFakeMicrosoft;
let expert: { user: TSessionUser; id: string; slug: string };
let cookie: string;
let connectionId: string;
const PRIMARY = 'AAMkCal-primary';

const monday = mondayAhead();
const ny = (dayOffset: number, hour: number) => nyHour(monday, dayOffset, hour);
const mondaySlots = () => slotsOnDay(expert.slug, monday);

/** Graph's POSTs to our notificationUrl reach the real route handler (as a server-to-server request: no Origin). */
async function deliver(url: string, body: string | null) {
  const u = new URL(url);
  const req = new NextRequest(`http://localhost:3000${u.pathname}${u.search}`, {
    method: 'POST',
    body: body ?? undefined,
    headers: body
      ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }
      : { 'content-type': 'text/plain; charset=utf-8' },
  });
  const res = await (notifyPOST as TRouteHandler)(req, { params: Promise.resolve({}) });
  return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') };
}

const syncJobs = () => pendingSyncJobs(t.db, connectionId);

beforeAll(async () => {
  trustFakeTls();
  ms = await fakeMicrosoft({ deliver });
  ({ t, expert, cookie } = await openCalendarTest({
    provider: {
      MICROSOFT_CLIENT_ID: ms.clientId,
      MICROSOFT_CLIENT_SECRET: ms.clientSecret,
      MICROSOFT_AUTHORITY_HOST: ms.url,
      MICROSOFT_GRAPH_BASE: ms.url,
    },
    appUrl: 'http://localhost:3000',
    syncTimeoutMs: 1000,
    tokenKeyByte: 9,
  }));
});
afterAll(async () => {
  await closeCalendarTest(t);
  await ms.close();
});

describe('connect', () => {
  it('signs in through msal (auth code, offline access) and stores sealed tokens and the calendars', async () => {
    const { authorize, stateCookie } = await oauthStart(startGET as TRouteHandler, 'outlook', cookie);
    expect(authorize.origin + authorize.pathname).toBe(`${ms.url}/common/oauth2/v2.0/authorize`);
    expect(authorize.searchParams.get('scope')).toContain('offline_access');
    expect(authorize.searchParams.get('scope')).toContain('Calendars.ReadWrite');
    // Microsoft's sign-in page sends the browser back with a one-time code.
    const { location: back } = await oauthCallback(callbackGET as TRouteHandler, 'outlook', {
      cookie,
      stateCookie,
      query: [
        ['code', ms.issueCode()],
        ['state', authorize.searchParams.get('state')!],
      ],
    });
    expect(back.searchParams.get('calendar')).toBe('connected');
    // msal read the authority's OpenID metadata from the fake (knownAuthorities), never from login.microsoftonline.com.
    expect(ms.log).toContain('GET /common/v2.0/.well-known/openid-configuration');
    const { rows } = await t.db.query<{
      id: string;
      tokens_enc: string;
      account_email: string;
      calendars: unknown;
      target_calendar_id: string;
    }>("select * from public.calendar_connections where provider = 'outlook'");
    expect(rows).toHaveLength(1);
    connectionId = rows[0].id;
    expect(rows[0].account_email).toBe('avery@contoso.example');
    expect(rows[0].tokens_enc).not.toMatch(/at-|rt-/);
    const tokens = openTokens(rows[0]);
    expect(tokens.refreshToken).toMatch(/^rt-/);
    expect(rows[0].target_calendar_id).toBe(PRIMARY);
    expect(rows[0].calendars).toEqual([
      { id: PRIMARY, name: 'Calendar', primary: true, canWrite: true },
      { id: 'AAMkCal-birthdays', name: 'Birthdays', primary: false, canWrite: false },
    ]);
  });
});

describe('busy time', () => {
  it('a busy hour in Outlook removes the overlapping slot from the slots API; a free one does not', async () => {
    expect(await mondaySlots()).toContain(iso(ny(0, 10)));
    ms.addEvent(PRIMARY, { start: iso(ny(0, 10)), end: iso(ny(0, 11)) });
    ms.addEvent(PRIMARY, { start: iso(ny(0, 12)), end: iso(ny(0, 13)), showAs: 'free' });
    ms.pageSize = 1; // the delta round is paged: nextLink until the deltaLink
    expect(await syncConnection(t.db, connectionId, { full: true })).toBe('synced');
    ms.pageSize = 100;
    const slots = await mondaySlots();
    expect(slots).not.toContain(iso(ny(0, 10)));
    expect(slots).toContain(iso(ny(0, 12)));
    expect(ms.log.filter((l) => l.includes('/calendarView/delta')).length).toBeGreaterThanOrEqual(2);
  });

  it('refreshes the access token through msal before it expires and stores the new one sealed', async () => {
    const before = openTokens((await getConnection(t.db, connectionId))!);
    await storeTokens(t.db, connectionId, { ...before, expiresAt: Date.now() + 60_000 });
    const posts = ms.log.filter((l) => l.startsWith('POST /common/oauth2/v2.0/token')).length;
    await syncConnection(t.db, connectionId);
    const after = openTokens((await getConnection(t.db, connectionId))!);
    expect(ms.log.filter((l) => l.startsWith('POST /common/oauth2/v2.0/token')).length).toBe(posts + 1);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.expiresAt! - Date.now()).toBeGreaterThan(3000_000);
  });
});

describe('push', () => {
  it('creates a Graph subscription (the notify route answers the validation handshake) and renews it before expiry', async () => {
    expect(await ensureOutlookSubscriptions(t.db, (await getConnection(t.db, connectionId))!)).toBe(1);
    const [sub] = [...ms.subscriptions.values()];
    expect(sub.resource).toBe(`/me/calendars/${PRIMARY}/events`);
    expect(sub.notificationUrl).toBe(`http://localhost:3000/api/calendar/outlook/notify?c=${connectionId}`);
    // Nothing to do while it has days left.
    expect(await ensureOutlookSubscriptions(t.db, (await getConnection(t.db, connectionId))!)).toBe(0);
    // Twelve hours before expiry: renewed with PATCH, same subscription.
    const c = (await getConnection(t.db, connectionId))!;
    const subs = (c.sync_state as { outlookSubs: { expiresAt: string }[] }).outlookSubs;
    subs[0].expiresAt = iso(Date.now() + 12 * HOUR);
    await t.db.query(
      "update public.calendar_connections set sync_state = sync_state || jsonb_build_object('outlookSubs', $2::jsonb) where id = $1",
      [connectionId, JSON.stringify(subs)],
    );
    expect(await ensureOutlookSubscriptions(t.db, (await getConnection(t.db, connectionId))!)).toBe(1);
    expect(ms.log.filter((l) => l.startsWith(`PATCH /v1.0/subscriptions/${sub.id}`))).toHaveLength(1);
    expect(new Date(ms.subscriptions.get(sub.id)!.expirationDateTime).getTime()).toBeGreaterThan(Date.now() + 2 * 24 * HOUR);
  });

  it('a notification with the right clientState queues a delta sync that makes the new busy hour vanish; a wrong one queues nothing', async () => {
    await t.db.query("delete from public.jobs where name = 'calendar.sync'");
    const ev = ms.addEvent(PRIMARY, { start: iso(ny(0, 14)), end: iso(ny(0, 15)) });
    await ms.notify(PRIMARY, 'created', { clientState: 'forged' });
    expect(await syncJobs()).toBe(0);
    await ms.notify(PRIMARY, 'created');
    expect(await syncJobs()).toBe(1);
    const deltas = ms.log.filter((l) => l.includes('$deltatoken')).length;
    expect(await syncConnection(t.db, connectionId)).toBe('synced');
    expect(ms.log.filter((l) => l.includes('$deltatoken')).length).toBe(deltas + 1);
    expect(await mondaySlots()).not.toContain(iso(ny(0, 14)));
    // Deleted in Outlook: the delta says @removed and the slot comes back.
    ms.deleteEvent(ev.id);
    expect(await syncConnection(t.db, connectionId)).toBe('synced');
    expect(await mondaySlots()).toContain(iso(ny(0, 14)));
  });

  it('the notify route answers a validation token as plain text and refuses a body that is not JSON', async () => {
    const r = await deliver('http://localhost:3000/api/calendar/outlook/notify?validationToken=abc%20123', null);
    expect(r).toEqual({ status: 200, text: 'abc 123', contentType: 'text/plain; charset=utf-8' });
    const bad = await deliver('http://localhost:3000/api/calendar/outlook/notify', '{not json');
    expect(bad.status).toBe(400);
  });
});

describe('session events', () => {
  it('confirm creates the event with the booking id, reschedule patches it, a lost link finds it, cancel deletes it', async () => {
    const learner = await createUser(t.db, { role: 'learner', name: 'Lena Learner' });
    const { rows } = await t.db.query<{ id: string }>(
      `insert into public.bookings (expert_id, learner_id, starts_at, ends_at, duration_minutes, status, price_minor, currency, brief, confirmed_at)
       values ($1, $2, $3, $4, 60, 'confirmed', 7000, 'USD', 'Stuck on window functions', now()) returning id`,
      [expert.id, learner.id, iso(ny(3, 12)), iso(ny(3, 13))],
    );
    const id = rows[0].id;
    const live = () => [...ms.events.values()].filter((e) => !e.deleted && e.bookingId === id);
    expect(await syncBookingEvent(t.db, { bookingId: id })).toBe('written');
    expect(live()).toHaveLength(1);
    expect(live()[0]).toMatchObject({ calendarId: PRIMARY, start: iso(ny(3, 12)), end: iso(ny(3, 13)) });
    expect(live()[0].subject).toContain('Lena Learner');
    expect(live()[0].body).toContain('Stuck on window functions');

    await t.db.query('update public.bookings set starts_at = $2, ends_at = $3, sequence = sequence + 1 where id = $1', [
      id,
      iso(ny(3, 14)),
      iso(ny(3, 15)),
    ]);
    expect(await syncBookingEvent(t.db, { bookingId: id })).toBe('written');
    expect(live()).toHaveLength(1);
    expect(live()[0].start).toBe(iso(ny(3, 14)));

    await t.db.query('delete from public.calendar_event_links where booking_id = $1', [id]);
    await t.db.query('update public.bookings set sequence = sequence + 1 where id = $1', [id]);
    expect(await syncBookingEvent(t.db, { bookingId: id })).toBe('written');
    expect(live()).toHaveLength(1);

    await t.db.query("update public.bookings set status = 'cancelled', cancelled_by = 'learner', cancelled_at = now() where id = $1", [id]);
    expect(await syncBookingEvent(t.db, { bookingId: id })).toBe('deleted');
    expect(live()).toHaveLength(0);
  });
});

describe('failures', () => {
  it('a Microsoft that does not answer: the sync times out, the last good blocks stay, the error is recorded', async () => {
    ms.addEvent(PRIMARY, { start: iso(ny(0, 16)), end: iso(ny(0, 17)) });
    const before = await mondaySlots();
    ms.hang = true;
    expect(await syncConnection(t.db, connectionId)).toBe('error');
    ms.hang = false;
    const c = (await getConnection(t.db, connectionId))!;
    expect(c.status).toBe('active');
    expect(c.last_sync_error).toMatch(/^timeout/);
    expect(await mondaySlots()).toEqual(before);
    expect(before).not.toContain(iso(ny(0, 10)));
    expect(await syncConnection(t.db, connectionId)).toBe('synced');
    expect(await mondaySlots()).not.toContain(iso(ny(0, 16)));
  });

  it('a revoked grant (invalid_grant on refresh) asks for Reconnect, tells the expert, and only then stops the blocks', async () => {
    ms.revokeAll();
    const tokens = openTokens((await getConnection(t.db, connectionId))!);
    await storeTokens(t.db, connectionId, { ...tokens, expiresAt: Date.now() - 1000 });
    expect(await syncConnection(t.db, connectionId)).toBe('reconnect');
    const c = (await getConnection(t.db, connectionId))!;
    expect(c.status).toBe('reconnect');
    expect(c.expert_told_at).not.toBeNull();
    expect(await mondaySlots()).toContain(iso(ny(0, 10)));
    expect(await reconnectNeeded(t.db, expert.user.id)).toEqual([
      { id: connectionId, provider: 'outlook', label: 'Outlook', accountEmail: 'avery@contoso.example' },
    ]);
  });

  it('a 401 from Graph with an unexpired token also means Reconnect', async () => {
    const code = ms.issueCode();
    const { createOutlookProvider } = await import('@/lib/calendar/outlook/provider');
    const { outlookConfig } = await import('@/lib/calendar/outlook/config');
    const p = createOutlookProvider(outlookConfig());
    const r = await p.connect({ code, redirectUri: 'http://localhost:3000/api/calendar/outlook/callback' });
    ms.expireAccessTokens();
    await expect(p.listCalendars(r.tokens)).rejects.toMatchObject({ kind: 'revoked' });
  });

  it('disconnect deletes the subscription and forgets the tokens', async () => {
    await t.db.query("update public.calendar_connections set status = 'active' where id = $1", [connectionId]);
    await disconnect(t.db, expert.user, connectionId);
    const c = (await getConnection(t.db, connectionId))!;
    expect(c.tokens_enc).toBeNull();
    expect(c.status).toBe('disconnected');
  });
});
