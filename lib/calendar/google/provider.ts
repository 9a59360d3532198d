import 'server-only';
import type { calendar_v3 } from 'googleapis';
import { env } from '@/lib/config';
import {
  CalendarProviderError,
  type TBusyInterval,
  type TBusyRead,
  type TCalendarProvider,
  type TCalendarTokens,
  type TSessionEvent,
} from '../types';
import { GOOGLE_SCOPES, calendarApi, googleConfigured, oauthClient, statusOf, toProviderError } from './client';
import { parseCursor, type TCalendarCursor } from '../cursor';

// Google Calendar through the googleapis SDK. Busy time always comes from one freebusy.query over the whole
// window (it already honours "free" events, declined invitations and all-day events the way Google shows them);
// events.list with a sync token per calendar is only the change detector: no change, nothing to write; any
// change, the window is read again (still one request). A 410 on a sync token starts over with fresh tokens.

export const BOOKING_ID_PROPERTY = 'pathwiseBookingId';

async function freeBusy(api: calendar_v3.Calendar, calendarIds: string[], from: Date, to: Date): Promise<TBusyInterval[]> {
  const res = await api.freebusy.query({
    requestBody: { timeMin: from.toISOString(), timeMax: to.toISOString(), items: calendarIds.map((id) => ({ id })) },
  });
  const out: TBusyInterval[] = [];
  for (const [calId, cal] of Object.entries(res.data.calendars ?? {})) {
    const err = cal.errors?.[0];
    if (err) {
      if (err.reason === 'notFound') continue;
      throw new CalendarProviderError('unavailable', `freeBusy for ${calId}: ${err.reason ?? 'error'}`);
    }
    for (const b of cal.busy ?? []) {
      if (!b.start || !b.end) continue;
      const start = new Date(b.start);
      const end = new Date(b.end);
      if (!(start < end)) continue;
      out.push({ start, end, externalId: `${calId}|${start.toISOString()}|${end.toISOString()}` });
    }
  }
  return out;
}

/** Pages events.list to its end and returns the next sync token; `changed` when any item came back. */
async function listChanges(
  api: calendar_v3.Calendar,
  calendarId: string,
  opts: { syncToken?: string; timeMin?: Date },
): Promise<{ changed: boolean; syncToken: string }> {
  let pageToken: string | undefined;
  let changed = false;
  for (let page = 0; page < 50; page++) {
    const res = await api.events.list({
      calendarId,
      pageToken,
      maxResults: 250,
      showDeleted: !!opts.syncToken,
      ...(opts.syncToken ? { syncToken: opts.syncToken } : { timeMin: opts.timeMin?.toISOString(), singleEvents: true }),
    });
    if ((res.data.items ?? []).length) changed = true;
    if (res.data.nextPageToken) {
      pageToken = res.data.nextPageToken;
      continue;
    }
    if (!res.data.nextSyncToken) throw new CalendarProviderError('unavailable', `events.list for ${calendarId} gave no sync token`);
    return { changed, syncToken: res.data.nextSyncToken };
  }
  throw new CalendarProviderError('unavailable', `events.list for ${calendarId}: too many pages`);
}

async function fullRead(api: calendar_v3.Calendar, calendarIds: string[], from: Date, to: Date): Promise<TBusyRead> {
  const tokens: TCalendarCursor = {};
  for (const id of calendarIds) tokens[id] = (await listChanges(api, id, { timeMin: from })).syncToken;
  const upserts = await freeBusy(api, calendarIds, from, to);
  return { full: true, upserts, deletedExternalIds: [], cursor: JSON.stringify(tokens) };
}

function eventBody(ev: TSessionEvent): calendar_v3.Schema$Event {
  const description = [ev.description, ev.joinUrl ? `Join: ${ev.joinUrl}` : null].filter(Boolean).join('\n\n');
  return {
    summary: ev.title,
    description,
    start: { dateTime: ev.start.toISOString(), timeZone: 'UTC' },
    end: { dateTime: ev.end.toISOString(), timeZone: 'UTC' },
    attendees: ev.attendees.map((a) => ({ email: a.email, displayName: a.name })),
    location: ev.joinUrl ?? undefined,
    source: ev.joinUrl ? { title: 'Pathwise session', url: ev.joinUrl } : undefined,
    extendedProperties: { private: { [BOOKING_ID_PROPERTY]: ev.bookingId } },
    reminders: { useDefault: true },
    ...(ev.conference === 'google_meet'
      ? {
          conferenceData: {
            createRequest: { requestId: `pw-${ev.bookingId}-${ev.sequence}`, conferenceSolutionKey: { type: 'hangoutsMeet' } },
          },
        }
      : {}),
  };
}

function meetLink(e: calendar_v3.Schema$Event): string | null {
  return e.hangoutLink ?? e.conferenceData?.entryPoints?.find((p) => p.entryPointType === 'video')?.uri ?? null;
}

async function findByBookingId(api: calendar_v3.Calendar, calendarId: string, bookingId: string): Promise<string | null> {
  const res = await api.events.list({ calendarId, privateExtendedProperty: [`${BOOKING_ID_PROPERTY}=${bookingId}`], maxResults: 5 });
  return res.data.items?.find((e) => e.status !== 'cancelled')?.id ?? null;
}

async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toProviderError(e, what);
  }
}

export const googleProvider: TCalendarProvider = {
  id: 'google',
  label: 'Google Calendar',
  configured: googleConfigured,

  authUrl({ state, redirectUri, loginHint }) {
    if (!googleConfigured()) return null;
    return oauthClient(redirectUri).generateAuthUrl({
      access_type: 'offline',
      include_granted_scopes: true,
      // Always show consent, so Google returns a refresh token on a Reconnect too.
      prompt: 'consent',
      scope: GOOGLE_SCOPES,
      state,
      login_hint: loginHint,
    });
  },

  async connect({ code, redirectUri }) {
    if (!code) throw new CalendarProviderError('unavailable', 'Google sent no authorisation code');
    const { tokens } = await call('token exchange', () => oauthClient(redirectUri).getToken(code));
    if (!tokens.access_token) throw new CalendarProviderError('unavailable', 'Google returned no access token');
    const set: TCalendarTokens = {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? null,
      expiresAt: tokens.expiry_date ?? null,
      scope: tokens.scope ?? null,
    };
    // The primary calendar's id is the account's address: a stable identity without the openid scope.
    const primary = await call('calendars.get', () => calendarApi(set).calendars.get({ calendarId: 'primary' }));
    const id = primary.data.id;
    if (!id) throw new CalendarProviderError('unavailable', 'Google returned no primary calendar');
    return { tokens: set, accountId: id, accountEmail: id.includes('@') ? id : null };
  },

  async refresh(tokens, skewMs = 5 * 60_000) {
    if (tokens.expiresAt && tokens.expiresAt - Date.now() > skewMs) return null;
    if (!tokens.refreshToken) throw new CalendarProviderError('revoked', 'no refresh token: the expert must connect again');
    const client = oauthClient();
    client.setCredentials({ refresh_token: tokens.refreshToken });
    const { credentials } = await call('token refresh', () => client.refreshAccessToken());
    if (!credentials.access_token) throw new CalendarProviderError('unavailable', 'Google returned no access token');
    return {
      accessToken: credentials.access_token,
      // Google keeps the refresh token unless it sends a new one.
      refreshToken: credentials.refresh_token ?? tokens.refreshToken,
      expiresAt: credentials.expiry_date ?? Date.now() + 3_600_000,
      scope: credentials.scope ?? tokens.scope ?? null,
    };
  },

  async listCalendars(tokens) {
    const res = await call('calendarList.list', () => calendarApi(tokens).calendarList.list({ maxResults: 250 }));
    return (res.data.items ?? [])
      .filter((c) => c.id && !c.deleted)
      .map((c) => ({
        id: c.id!,
        name: c.summaryOverride ?? c.summary ?? c.id!,
        primary: !!c.primary,
        canWrite: c.accessRole === 'owner' || c.accessRole === 'writer',
      }));
  },

  async readBusy(tokens, { calendarIds, from, to, cursor }) {
    const api = calendarApi(tokens);
    if (!calendarIds.length) return { full: true, upserts: [], deletedExternalIds: [], cursor: null };
    const known = parseCursor(cursor);
    try {
      if (!known || calendarIds.some((id) => !known[id])) return await fullRead(api, calendarIds, from, to);
      const next: TCalendarCursor = {};
      let changed = false;
      for (const id of calendarIds) {
        const r = await listChanges(api, id, { syncToken: known[id] });
        next[id] = r.syncToken;
        changed ||= r.changed;
      }
      if (!changed) return { full: false, upserts: [], deletedExternalIds: [], cursor: JSON.stringify(next) };
      return { full: true, upserts: await freeBusy(api, calendarIds, from, to), deletedExternalIds: [], cursor: JSON.stringify(next) };
    } catch (e) {
      // 410 Gone: the sync token is no longer valid; Google asks for a full sync.
      if (statusOf(e) === 410) return call('full resync', () => fullRead(api, calendarIds, from, to));
      throw toProviderError(e, 'read busy time');
    }
  },

  async upsertEvent(tokens, calendarId, ev, existingEventId) {
    const api = calendarApi(tokens);
    const body = eventBody(ev);
    const conferenceDataVersion = ev.conference === 'google_meet' ? 1 : 0;
    return call('write event', async () => {
      const id = existingEventId ?? (await findByBookingId(api, calendarId, ev.bookingId));
      if (id) {
        try {
          const res = await api.events.patch({ calendarId, eventId: id, sendUpdates: 'none', conferenceDataVersion, requestBody: body });
          return { eventId: res.data.id ?? id, joinUrl: meetLink(res.data) };
        } catch (e) {
          // Deleted in Google by the expert: create it again below.
          if (statusOf(e) !== 404 && statusOf(e) !== 410) throw e;
        }
      }
      const res = await api.events.insert({ calendarId, sendUpdates: 'none', conferenceDataVersion, requestBody: body });
      if (!res.data.id) throw new CalendarProviderError('unavailable', 'Google returned no event id');
      return { eventId: res.data.id, joinUrl: meetLink(res.data) };
    });
  },

  async deleteEvent(tokens, calendarId, eventId) {
    try {
      await calendarApi(tokens).events.delete({ calendarId, eventId, sendUpdates: 'none' });
    } catch (e) {
      // Already gone is what we wanted.
      if (statusOf(e) === 404 || statusOf(e) === 410) return;
      throw toProviderError(e, 'delete event');
    }
  },
};

/** Where Google sends the expert back after consent. */
export function googleRedirectUri(origin: string): string {
  return `${env().APP_URL ?? origin}/api/calendar/google/callback`;
}
