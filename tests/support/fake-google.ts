import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local HTTP server answering as Google's OAuth 2.0 endpoints and Calendar API v3 do, for the real googleapis
// SDK (GOOGLE_OAUTH_BASE / GOOGLE_API_BASE point it here):
//   GET  /o/oauth2/v2/auth            consent page (an "Allow" button; "Deny" answers error=access_denied)
//   POST /token                       authorization_code and refresh_token grants (invalid_grant once revoked)
//   GET  /calendar/v3/calendars/primary, /calendar/v3/users/me/calendarList
//   POST /calendar/v3/freeBusy        busy intervals of opaque, not-cancelled events
//   GET  /calendar/v3/calendars/:id/events   timeMin / syncToken (410 fullSyncRequired when invalidated) /
//                                     privateExtendedProperty, nextSyncToken on the last page
//   POST/PATCH/DELETE events, POST events/watch, POST /calendar/v3/channels/stop
// Access tokens expire (expires_in = tokenTtlSeconds); a wrong or expired bearer gets 401 as Google answers.
// Tests drive it in-process (the methods below) or over /__control/* (the e2e spec, another process).

export type TFakeEvent = {
  id: string;
  calendarId: string;
  status: 'confirmed' | 'cancelled';
  summary: string;
  description?: string;
  start: string;
  end: string;
  transparency?: 'opaque' | 'transparent';
  attendees?: { email: string; displayName?: string }[];
  extendedProperties?: { private?: Record<string, string> };
  hangoutLink?: string;
  conferenceData?: unknown;
  seq: number;
};
export type TFakeChannel = {
  id: string;
  token: string;
  address: string;
  calendarId: string;
  resourceId: string;
  expiration: number;
  stopped: boolean;
};
export type TFakeCall = { method: string; path: string; query: URLSearchParams; body: unknown };

export type TFakeGoogle = {
  url: string;
  account: string;
  calendars: { id: string; summary: string; primary?: boolean; accessRole: string }[];
  events: Map<string, TFakeEvent>;
  channels: TFakeChannel[];
  calls: TFakeCall[];
  /** Seconds an access token lives. */
  tokenTtlSeconds: number;
  /** API requests (not the token endpoint) wait this long before answering. */
  delayMs: number;
  refreshCount: number;
  addBusy(calendarId: string, start: Date, end: Date, summary?: string): TFakeEvent;
  removeEvent(id: string): void;
  revoke(): void;
  invalidateSyncTokens(): void;
  /** Expires every access token issued so far (the next API call with one gets 401). */
  expireAccessTokens(): void;
  /** Sends the push notification Google sends for a channel (X-Goog-* headers, no body). */
  notify(channel: TFakeChannel, state?: 'sync' | 'exists', tokenOverride?: string): Promise<number>;
  liveEvents(calendarId?: string): TFakeEvent[];
  close(): Promise<void>;
};

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(body === undefined ? '' : JSON.stringify(body));
};
const apiError = (res: ServerResponse, code: number, message: string, reason: string) =>
  json(res, code, { error: { code, message, errors: [{ domain: 'global', reason, message }] } });
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startFakeGoogle(opts: { account?: string; port?: number } = {}): Promise<TFakeGoogle> {
  const account = opts.account ?? 'expert@gmail.test';
  const codes = new Map<string, string>(); // code → scope
  const access = new Map<string, number>(); // token → expires at (ms)
  const refresh = new Set<string>();
  let seq = 0;
  let minValidSeq = 0;
  let nextId = 0;

  const fake: TFakeGoogle = {
    url: '',
    account,
    calendars: [
      { id: account, summary: account, primary: true, accessRole: 'owner' },
      { id: 'team@group.calendar.test', summary: 'Team', accessRole: 'reader' },
      { id: 'family@group.calendar.test', summary: 'Family', accessRole: 'writer' },
    ],
    events: new Map(),
    channels: [],
    calls: [],
    tokenTtlSeconds: 3600,
    delayMs: 0,
    refreshCount: 0,
    addBusy(calendarId, start, end, summary = 'Busy') {
      const ev: TFakeEvent = {
        id: `ev${++nextId}`,
        calendarId,
        status: 'confirmed',
        summary,
        start: start.toISOString(),
        end: end.toISOString(),
        transparency: 'opaque',
        seq: ++seq,
      };
      fake.events.set(ev.id, ev);
      return ev;
    },
    removeEvent(id) {
      const ev = fake.events.get(id);
      if (ev) Object.assign(ev, { status: 'cancelled', seq: ++seq });
    },
    revoke() {
      refresh.clear();
      access.clear();
    },
    invalidateSyncTokens() {
      minValidSeq = seq + 1;
    },
    expireAccessTokens() {
      for (const k of access.keys()) access.set(k, 0);
    },
    async notify(ch, state = 'exists', tokenOverride) {
      const res = await fetch(ch.address, {
        method: 'POST',
        headers: {
          'X-Goog-Channel-ID': ch.id,
          'X-Goog-Channel-Token': tokenOverride ?? ch.token,
          'X-Goog-Channel-Expiration': new Date(ch.expiration).toUTCString(),
          'X-Goog-Resource-ID': ch.resourceId,
          'X-Goog-Resource-URI': `${fake.url}/calendar/v3/calendars/${encodeURIComponent(ch.calendarId)}/events?alt=json`,
          'X-Goog-Resource-State': state,
          'X-Goog-Message-Number': String(++seq),
        },
      });
      return res.status;
    },
    liveEvents(calendarId) {
      return [...fake.events.values()].filter((e) => e.status !== 'cancelled' && (!calendarId || e.calendarId === calendarId));
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const issue = (scope: string) => {
    const at = `ya29.${randomBytes(12).toString('hex')}`;
    access.set(at, Date.now() + fake.tokenTtlSeconds * 1000);
    return { access_token: at, expires_in: fake.tokenTtlSeconds, scope, token_type: 'Bearer' };
  };

  async function handle(req: IncomingMessage, res: ServerResponse, raw: string) {
    const u = new URL(req.url ?? '/', 'http://x');
    const p = u.pathname;
    const type = String(req.headers['content-type'] ?? '');
    const body: unknown =
      type.includes('json') && raw ? JSON.parse(raw) : type.includes('urlencoded') ? Object.fromEntries(new URLSearchParams(raw)) : raw;
    fake.calls.push({ method: req.method ?? 'GET', path: p, query: u.searchParams, body });

    // ---- test control (the e2e spec runs in another process)
    if (p === '/__control/busy' && req.method === 'POST') {
      const b = body as { calendarId?: string; start: string; end: string; summary?: string };
      return json(res, 200, fake.addBusy(b.calendarId ?? account, new Date(b.start), new Date(b.end), b.summary));
    }
    if (p === '/__control/state') return json(res, 200, { events: fake.liveEvents(), channels: fake.channels, calls: fake.calls.length });
    if (p === '/__control/notify' && req.method === 'POST') {
      const live = fake.channels.filter((c) => !c.stopped);
      const statuses = [];
      for (const ch of live) statuses.push(await fake.notify(ch));
      return json(res, 200, { statuses });
    }

    // ---- OAuth 2.0
    if (p === '/o/oauth2/v2/auth') {
      const q = u.searchParams;
      const back = (extra: Record<string, string>) =>
        `${q.get('redirect_uri')}?${new URLSearchParams({ ...extra, state: q.get('state') ?? '' })}`;
      const code = `4/${randomBytes(10).toString('hex')}`;
      codes.set(code, q.get('scope') ?? '');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(`<!doctype html><html lang="en"><head><title>Sign in – Google Accounts (fake)</title></head><body>
<main><h1>Fake Google: Pathwise wants to access your Google Account</h1><p>${esc(account)}</p>
<p>access_type=${esc(q.get('access_type') ?? '')} include_granted_scopes=${esc(q.get('include_granted_scopes') ?? '')}</p>
<ul>${(q.get('scope') ?? '')
        .split(' ')
        .map((s) => `<li>${esc(s)}</li>`)
        .join('')}</ul>
<a href="${esc(back({ error: 'access_denied' }))}">Cancel</a> <a href="${esc(back({ code, scope: q.get('scope') ?? '' }))}">Allow</a></main></body></html>`);
    }
    if (p === '/token' && req.method === 'POST') {
      const f = body as Record<string, string>;
      if (f.client_id !== process.env.GOOGLE_CLIENT_ID && process.env.GOOGLE_CLIENT_ID)
        return json(res, 401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
      if (f.grant_type === 'authorization_code') {
        const scope = codes.get(f.code);
        if (scope === undefined) return json(res, 400, { error: 'invalid_grant', error_description: 'Malformed auth code.' });
        codes.delete(f.code);
        const rt = `1//${randomBytes(12).toString('hex')}`;
        refresh.add(rt);
        return json(res, 200, { ...issue(scope), refresh_token: rt });
      }
      if (f.grant_type === 'refresh_token') {
        if (!refresh.has(f.refresh_token))
          return json(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
        fake.refreshCount++;
        return json(res, 200, issue('https://www.googleapis.com/auth/calendar.readonly https://www.googleapis.com/auth/calendar.events'));
      }
      return json(res, 400, { error: 'unsupported_grant_type' });
    }

    // ---- Calendar API v3
    if (!p.startsWith('/calendar/v3/')) return apiError(res, 404, 'Not Found', 'notFound');
    if (fake.delayMs) await new Promise((r) => setTimeout(r, fake.delayMs));
    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const exp = bearer ? access.get(bearer) : undefined;
    if (!exp || exp < Date.now()) return apiError(res, 401, 'Request had invalid authentication credentials.', 'authError');

    const rest = p.slice('/calendar/v3'.length);
    if (rest === '/calendars/primary') return json(res, 200, { kind: 'calendar#calendar', id: account, summary: account, timeZone: 'UTC' });
    if (rest === '/users/me/calendarList')
      return json(res, 200, {
        kind: 'calendar#calendarList',
        items: fake.calendars.map((c) => ({ kind: 'calendar#calendarListEntry', ...c })),
      });
    if (rest === '/freeBusy' && req.method === 'POST') {
      const b = body as { timeMin: string; timeMax: string; items: { id: string }[] };
      const from = Date.parse(b.timeMin);
      const to = Date.parse(b.timeMax);
      const calendars: Record<string, unknown> = {};
      for (const { id } of b.items) {
        if (!fake.calendars.some((c) => c.id === id)) {
          calendars[id] = { busy: [], errors: [{ domain: 'global', reason: 'notFound' }] };
          continue;
        }
        calendars[id] = {
          busy: fake
            .liveEvents(id)
            .filter((e) => e.transparency !== 'transparent' && Date.parse(e.start) < to && Date.parse(e.end) > from)
            .sort((a, z) => a.start.localeCompare(z.start))
            .map((e) => ({ start: e.start, end: e.end })),
        };
      }
      return json(res, 200, { kind: 'calendar#freeBusy', timeMin: b.timeMin, timeMax: b.timeMax, calendars });
    }
    if (rest === '/channels/stop' && req.method === 'POST') {
      const b = body as { id: string; resourceId: string };
      const ch = fake.channels.find((c) => c.id === b.id && c.resourceId === b.resourceId);
      if (!ch) return apiError(res, 404, 'Channel not found', 'notFound');
      ch.stopped = true;
      res.writeHead(204);
      return res.end();
    }
    const m = /^\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(rest);
    if (!m) return apiError(res, 404, 'Not Found', 'notFound');
    const calendarId = decodeURIComponent(m[1]);
    const eventId = m[2] ? decodeURIComponent(m[2]) : null;
    if (!fake.calendars.some((c) => c.id === calendarId)) return apiError(res, 404, 'Not Found', 'notFound');
    const view = (e: TFakeEvent) => {
      const rest: Partial<TFakeEvent> = { ...e };
      delete rest.seq;
      delete rest.calendarId;
      return { kind: 'calendar#event', ...rest, start: { dateTime: e.start }, end: { dateTime: e.end } };
    };

    if (eventId === 'watch' && req.method === 'POST') {
      const b = body as { id: string; type: string; address: string; token?: string; expiration?: string };
      if (b.type !== 'web_hook' || !b.address) return apiError(res, 400, 'Invalid channel', 'invalid');
      const ch: TFakeChannel = {
        id: b.id,
        token: b.token ?? '',
        address: b.address,
        calendarId,
        resourceId: `res-${randomBytes(6).toString('hex')}`,
        expiration: Math.min(Number(b.expiration ?? Infinity), Date.now() + 7 * 86_400_000),
        stopped: false,
      };
      fake.channels.push(ch);
      return json(res, 200, {
        kind: 'api#channel',
        id: ch.id,
        resourceId: ch.resourceId,
        resourceUri: `${fake.url}/calendar/v3/calendars/${encodeURIComponent(calendarId)}/events`,
        expiration: String(ch.expiration),
      });
    }
    const writable = fake.calendars.find((c) => c.id === calendarId)?.accessRole;
    const canWrite = writable === 'owner' || writable === 'writer';
    if (!eventId && req.method === 'GET') {
      const q = u.searchParams;
      const st = q.get('syncToken');
      let items = [...fake.events.values()].filter((e) => e.calendarId === calendarId);
      if (st) {
        const since = Number(/^st-(\d+)$/.exec(st)?.[1] ?? -1);
        if (since < minValidSeq) return apiError(res, 410, 'Sync token is no longer valid, a full sync is required.', 'fullSyncRequired');
        items = items.filter((e) => e.seq > since);
      } else {
        if (q.get('showDeleted') !== 'true') items = items.filter((e) => e.status !== 'cancelled');
        const tmin = q.get('timeMin');
        if (tmin) items = items.filter((e) => Date.parse(e.end) > Date.parse(tmin));
        for (const prop of q.getAll('privateExtendedProperty')) {
          const [k, v] = prop.split('=');
          items = items.filter((e) => e.extendedProperties?.private?.[k] === v);
        }
      }
      // Two pages when there is more than one item, so the SDK callers' paging is exercised.
      const offset = Number(q.get('pageToken') ?? 0);
      const pageSize = Math.max(1, Math.ceil(items.length / 2));
      const page = items.slice(offset, offset + pageSize);
      const more = offset + pageSize < items.length;
      return json(res, 200, {
        kind: 'calendar#events',
        items: page.map(view),
        ...(more ? { nextPageToken: String(offset + pageSize) } : { nextSyncToken: `st-${seq}` }),
      });
    }
    if (!eventId && req.method === 'POST') {
      if (!canWrite) return apiError(res, 403, 'Forbidden', 'requiredAccessLevel');
      const b = body as Record<string, unknown> & { start: { dateTime: string }; end: { dateTime: string } };
      const ev: TFakeEvent = {
        id: `pw${++nextId}`,
        calendarId,
        status: 'confirmed',
        summary: String(b.summary ?? ''),
        description: b.description as string | undefined,
        start: new Date(b.start.dateTime).toISOString(),
        end: new Date(b.end.dateTime).toISOString(),
        attendees: b.attendees as TFakeEvent['attendees'],
        extendedProperties: b.extendedProperties as TFakeEvent['extendedProperties'],
        seq: ++seq,
      };
      const cd = b.conferenceData as { createRequest?: { requestId: string } } | undefined;
      if (cd?.createRequest && u.searchParams.get('conferenceDataVersion') === '1') {
        ev.hangoutLink = `https://meet.google.com/${randomBytes(3).toString('hex')}-fake`;
        ev.conferenceData = { entryPoints: [{ entryPointType: 'video', uri: ev.hangoutLink }], createRequest: cd.createRequest };
      }
      fake.events.set(ev.id, ev);
      return json(res, 200, view(ev));
    }
    const ev = eventId ? fake.events.get(eventId) : undefined;
    if (!ev || ev.calendarId !== calendarId) return apiError(res, 404, 'Not Found', 'notFound');
    if (ev.status === 'cancelled' && req.method !== 'GET') return apiError(res, 410, 'Resource has been deleted', 'deleted');
    if (req.method === 'GET') return json(res, 200, view(ev));
    if (!canWrite) return apiError(res, 403, 'Forbidden', 'requiredAccessLevel');
    if (req.method === 'PATCH') {
      const b = body as Record<string, unknown> & { start?: { dateTime: string }; end?: { dateTime: string } };
      if (b.summary !== undefined) ev.summary = String(b.summary);
      if (b.description !== undefined) ev.description = String(b.description);
      if (b.start) ev.start = new Date(b.start.dateTime).toISOString();
      if (b.end) ev.end = new Date(b.end.dateTime).toISOString();
      if (b.attendees) ev.attendees = b.attendees as TFakeEvent['attendees'];
      if (b.extendedProperties) ev.extendedProperties = b.extendedProperties as TFakeEvent['extendedProperties'];
      ev.seq = ++seq;
      return json(res, 200, view(ev));
    }
    if (req.method === 'DELETE') {
      fake.removeEvent(ev.id);
      res.writeHead(204);
      return res.end();
    }
    return apiError(res, 405, 'Method not allowed', 'methodNotAllowed');
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((e: unknown) => {
        if (!res.headersSent) json(res, 500, { error: { code: 500, message: String(e) } });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
