import 'server-only';
import { ConfidentialClientApplication, LogLevel, type Configuration } from '@azure/msal-node';
import { AuthenticationHandler, Client } from '@microsoft/microsoft-graph-client';
import {
  CalendarProviderError,
  type TBusyInterval,
  type TBusyRead,
  type TCalendarInfo,
  type TCalendarProvider,
  type TCalendarTokens,
  type TSessionEvent,
} from '../types';
import { fromGraphError, fromMsalError } from './errors';
import { GraphTransport, msalNetworkClient } from './transport';
import { parseCursor, type TCalendarCursor } from '../cursor';

// Outlook / Microsoft 365 calendars through Microsoft Graph. Sign-in and token refresh go through
// @azure/msal-node (auth code flow, offline_access), Graph calls through @microsoft/microsoft-graph-client.
// Both SDKs talk through transport.ts (a hard timeout on every call). docs/calendars.md § Outlook.

export type TOutlookConfig = {
  clientId: string;
  clientSecret: string;
  /** "common", "organizations", "consumers" or a tenant id. */
  tenant: string;
  /** https://login.microsoftonline.com unless a test points it at a local server. */
  authorityHost: string;
  /** https://graph.microsoft.com unless a test points it at a local server. */
  graphBase: string;
  timeoutMs: number;
};

export const OUTLOOK_SCOPES = ['offline_access', 'Calendars.ReadWrite', 'User.Read'];
/** The booking id travels on each event we write as this single-value extended property (a string). */
export const BOOKING_PROPERTY_ID = 'String {9c2a4c0e-5e38-4a55-9a8c-6b1d2b7f3e10} Name pathwiseBookingId';
const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
const MAX_PAGES = 50;

function hostOf(url: string): string {
  return new URL(url).hostname;
}

function msalApp(cfg: TOutlookConfig): ConfidentialClientApplication {
  const authorityHost = cfg.authorityHost.replace(/\/$/, '');
  const custom = authorityHost !== DEFAULT_AUTHORITY_HOST;
  const config: Configuration = {
    auth: {
      clientId: cfg.clientId,
      clientSecret: cfg.clientSecret,
      authority: `${authorityHost}/${cfg.tenant}`,
      // A non-Microsoft host (a sovereign cloud or a test server) is trusted as given: msal then reads its OpenID
      // metadata from that host instead of asking login.microsoftonline.com's instance discovery about it.
      ...(custom ? { knownAuthorities: [new URL(authorityHost).host] } : {}),
    },
    system: {
      networkClient: msalNetworkClient(cfg.timeoutMs),
      loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => {} },
    },
  };
  return new ConfidentialClientApplication(config);
}

/** The refresh token msal keeps in its cache after a code or refresh-token redemption (it is not in the result). */
async function refreshTokenOf(app: ConfidentialClientApplication): Promise<string | null> {
  const cache = JSON.parse(app.getTokenCache().serialize()) as { RefreshToken?: Record<string, { secret?: string }> };
  const first = Object.values(cache.RefreshToken ?? {})[0];
  return first?.secret ?? null;
}

export function graphClient(cfg: TOutlookConfig, accessToken: string): Client {
  const auth = new AuthenticationHandler({ getAccessToken: () => Promise.resolve(accessToken) });
  auth.setNext(new GraphTransport(cfg.timeoutMs));
  const host = hostOf(cfg.graphBase);
  return Client.initWithMiddleware({
    middleware: auth,
    baseUrl: cfg.graphBase.replace(/\/$/, ''),
    defaultVersion: 'v1.0',
    ...(host !== 'graph.microsoft.com' ? { customHosts: new Set([host]) } : {}),
  });
}

/** Graph call with its errors mapped to CalendarProviderError. */
export async function graphCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw fromGraphError(e);
  }
}

type TGraphDateTime = { dateTime: string; timeZone: string };
type TGraphEvent = {
  id: string;
  '@removed'?: { reason: string };
  start?: TGraphDateTime;
  end?: TGraphDateTime;
  showAs?: string;
  isCancelled?: boolean;
};
type TDeltaPage = { value: TGraphEvent[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };

/** Graph answers in UTC when asked (Prefer: outlook.timezone="UTC"), as a local date-time without an offset. */
function utc(d: TGraphDateTime): Date {
  const s = /[zZ]|[+-]\d\d:\d\d$/.test(d.dateTime) ? d.dateTime : `${d.dateTime}Z`;
  return new Date(s);
}

const graphUtc = (d: Date): TGraphDateTime => ({ dateTime: d.toISOString().replace(/Z$/, ''), timeZone: 'UTC' });

async function readDelta(client: Client, first: string, into: { upserts: TBusyInterval[]; deleted: string[] }): Promise<string> {
  let url = first;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = (await graphCall(() =>
      client.api(url).header('Prefer', 'outlook.timezone="UTC", odata.maxpagesize=200').get(),
    )) as TDeltaPage;
    for (const ev of res.value ?? []) {
      const free = ev.showAs === 'free' || ev.showAs === 'workingElsewhere' || ev.isCancelled;
      if (ev['@removed'] || free || !ev.start || !ev.end) into.deleted.push(ev.id);
      else into.upserts.push({ start: utc(ev.start), end: utc(ev.end), externalId: ev.id });
    }
    if (res['@odata.deltaLink']) return res['@odata.deltaLink'];
    if (!res['@odata.nextLink']) break;
    url = res['@odata.nextLink'];
  }
  throw new CalendarProviderError('unavailable', 'Microsoft Graph delta query did not end with a delta link');
}

function eventBody(ev: TSessionEvent) {
  const who = ev.attendees.map((a) => `${a.name} <${a.email}>`).join(', ');
  const content = [ev.description, '', who ? `With: ${who}` : '', ev.joinUrl ? `Join: ${ev.joinUrl}` : '']
    .filter((l, i) => l || i === 1)
    .join('\n');
  return {
    subject: ev.title,
    body: { contentType: 'text', content },
    start: graphUtc(ev.start),
    end: graphUtc(ev.end),
    showAs: 'busy',
    // No attendees: Outlook would e-mail each one an invitation; Pathwise sends its own confirmations.
    ...(ev.joinUrl ? { location: { displayName: 'Pathwise session', locationUri: ev.joinUrl } } : {}),
    singleValueExtendedProperties: [{ id: BOOKING_PROPERTY_ID, value: ev.bookingId }],
  };
}

export function createOutlookProvider(cfg: TOutlookConfig | null): TCalendarProvider {
  const need = (): TOutlookConfig => {
    if (!cfg) throw new CalendarProviderError('unavailable', 'Outlook is not configured (MICROSOFT_CLIENT_ID / MICROSOFT_CLIENT_SECRET)');
    return cfg;
  };

  return {
    id: 'outlook',
    label: 'Outlook',
    configured: () => !!cfg,

    authUrl({ state, redirectUri, loginHint }) {
      if (!cfg) return null;
      const u = new URL(`${cfg.authorityHost.replace(/\/$/, '')}/${cfg.tenant}/oauth2/v2.0/authorize`);
      u.searchParams.set('client_id', cfg.clientId);
      u.searchParams.set('response_type', 'code');
      u.searchParams.set('redirect_uri', redirectUri);
      u.searchParams.set('response_mode', 'query');
      u.searchParams.set('scope', [...OUTLOOK_SCOPES, 'openid', 'profile'].join(' '));
      u.searchParams.set('state', state);
      u.searchParams.set('prompt', 'select_account');
      if (loginHint) u.searchParams.set('login_hint', loginHint);
      return u.toString();
    },

    async connect({ code, redirectUri }) {
      const c = need();
      if (!code) throw new CalendarProviderError('unavailable', 'Outlook connects through Microsoft sign-in (no code was given)');
      const app = msalApp(c);
      let result;
      try {
        result = await app.acquireTokenByCode({ code, redirectUri, scopes: OUTLOOK_SCOPES });
      } catch (e) {
        throw fromMsalError(e);
      }
      const tokens: TCalendarTokens = {
        accessToken: result.accessToken,
        refreshToken: await refreshTokenOf(app),
        expiresAt: result.expiresOn?.getTime() ?? null,
        scope: result.scopes.join(' '),
      };
      const me = (await graphCall(() => graphClient(c, tokens.accessToken).api('/me').select('id,mail,userPrincipalName').get())) as {
        id: string;
        mail?: string | null;
        userPrincipalName?: string | null;
      };
      return { tokens, accountId: me.id, accountEmail: me.mail ?? me.userPrincipalName ?? null };
    },

    async refresh(tokens, skewMs = 5 * 60_000) {
      const c = need();
      if (tokens.expiresAt && tokens.expiresAt - Date.now() > skewMs) return null;
      if (!tokens.refreshToken) throw new CalendarProviderError('revoked', 'Outlook access expired and there is no refresh token');
      const app = msalApp(c);
      try {
        const r = await app.acquireTokenByRefreshToken({ refreshToken: tokens.refreshToken, scopes: OUTLOOK_SCOPES, forceCache: true });
        if (!r) throw new CalendarProviderError('revoked', 'Microsoft returned no token for the refresh token');
        return {
          ...tokens,
          accessToken: r.accessToken,
          // Microsoft rotates refresh tokens; keep the old one if this answer carried none.
          refreshToken: (await refreshTokenOf(app)) ?? tokens.refreshToken,
          expiresAt: r.expiresOn?.getTime() ?? null,
          scope: r.scopes.join(' '),
        };
      } catch (e) {
        throw fromMsalError(e);
      }
    },

    async listCalendars(tokens) {
      const res = (await graphCall(() =>
        graphClient(need(), tokens.accessToken).api('/me/calendars').select('id,name,canEdit,isDefaultCalendar').top(100).get(),
      )) as { value: { id: string; name: string; canEdit?: boolean; isDefaultCalendar?: boolean }[] };
      return res.value.map((c): TCalendarInfo => ({ id: c.id, name: c.name, primary: !!c.isDefaultCalendar, canWrite: !!c.canEdit }));
    },

    async readBusy(tokens, { calendarIds, from, to, cursor }) {
      const client = graphClient(need(), tokens.accessToken);
      const prev = parseCursor(cursor);
      const incremental = !!prev && calendarIds.every((id) => prev[id]);
      const into = { upserts: [] as TBusyInterval[], deleted: [] as string[] };
      const next: TCalendarCursor = {};
      for (const id of calendarIds) {
        const first = incremental
          ? prev![id]
          : `/me/calendars/${encodeURIComponent(id)}/calendarView/delta?startDateTime=${from.toISOString()}&endDateTime=${to.toISOString()}`;
        next[id] = await readDelta(client, first, into);
      }
      const read: TBusyRead = { full: !incremental, upserts: into.upserts, deletedExternalIds: into.deleted, cursor: JSON.stringify(next) };
      return read;
    },

    async upsertEvent(tokens, calendarId, ev, existingEventId) {
      const client = graphClient(need(), tokens.accessToken);
      const body = eventBody(ev);
      const patch = async (id: string) => {
        try {
          const r = (await graphCall(() => client.api(`/me/events/${encodeURIComponent(id)}`).patch(body))) as { id: string };
          return { eventId: r.id ?? id, joinUrl: ev.joinUrl };
        } catch (e) {
          if (e instanceof CalendarProviderError && e.kind === 'not_found') return null;
          throw e;
        }
      };
      if (existingEventId) {
        const done = await patch(existingEventId);
        if (done) return done;
      }
      // An earlier attempt may have created the event and failed before its id was saved: find it by booking id.
      const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${BOOKING_PROPERTY_ID}' and ep/value eq '${ev.bookingId}')`;
      const found = (await graphCall(() =>
        client
          .api(`/me/calendars/${encodeURIComponent(calendarId)}/events`)
          .filter(filter)
          .select('id')
          .top(1)
          .get(),
      )) as { value: { id: string }[] };
      if (found.value[0]) {
        const done = await patch(found.value[0].id);
        if (done) return done;
      }
      const created = (await graphCall(() => client.api(`/me/calendars/${encodeURIComponent(calendarId)}/events`).post(body))) as {
        id: string;
      };
      return { eventId: created.id, joinUrl: ev.joinUrl };
    },

    async deleteEvent(tokens, _calendarId, eventId) {
      try {
        await graphCall(() =>
          graphClient(need(), tokens.accessToken)
            .api(`/me/events/${encodeURIComponent(eventId)}`)
            .delete(),
        );
      } catch (e) {
        if (e instanceof CalendarProviderError && e.kind === 'not_found') return; // already gone: the goal holds
        throw e;
      }
    },
  };
}
