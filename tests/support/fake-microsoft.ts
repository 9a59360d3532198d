import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

// A local HTTPS server answering as the Microsoft identity platform (v2.0 OpenID discovery metadata and the
// token endpoint: authorization_code and refresh_token grants) and Microsoft Graph v1.0 (/me, /me/calendars,
// calendarView/delta with nextLink/deltaLink, events with singleValueExtendedProperties, /subscriptions with the
// validationToken handshake and change notifications) do, for @azure/msal-node and
// @microsoft/microsoft-graph-client. HTTPS because msal refuses a non-https authority: the server uses the
// test-only certificate in ./fake-tls, which `trustFakeTls()` adds to node:https's global agent.

const TLS_DIR = path.join(import.meta.dirname, 'fake-tls');
export const FAKE_TLS_CERT = readFileSync(path.join(TLS_DIR, 'cert.pem'), 'utf8');
const FAKE_TLS_KEY = readFileSync(path.join(TLS_DIR, 'key.pem'), 'utf8');

/** Lets node:https (and so the Microsoft transport) trust the fake servers' certificate. */
export function trustFakeTls(): void {
  const opts = https.globalAgent.options as { ca?: string | string[] };
  const list = Array.isArray(opts.ca) ? opts.ca : opts.ca ? [opts.ca] : [];
  if (!list.includes(FAKE_TLS_CERT)) opts.ca = [...list, FAKE_TLS_CERT];
}

export type TFakeEvent = {
  id: string;
  calendarId: string;
  subject: string;
  start: string; // ISO UTC
  end: string;
  showAs: string;
  bookingId?: string;
  body?: string;
  version: number;
  deleted: boolean;
};

type TSub = { id: string; resource: string; notificationUrl: string; clientState: string; expirationDateTime: string };

export type TFakeMicrosoft = {
  url: string;
  tenant: string;
  clientId: string;
  clientSecret: string;
  /** Every request, method + path. */
  log: string[];
  events: Map<string, TFakeEvent>;
  subscriptions: Map<string, TSub>;
  /** Issues a one-time authorization code (what the sign-in page would redirect back with). */
  issueCode(): string;
  /** Makes every token and refresh token invalid (the user removed the app's consent). */
  revokeAll(): void;
  /** Expires the current access tokens (Graph answers 401) without revoking the refresh tokens. */
  expireAccessTokens(): void;
  /** Holds the next requests open without an answer (a hung service). */
  hang: boolean;
  /** Items per delta page. */
  pageSize: number;
  addEvent(calendarId: string, e: { start: string; end: string; showAs?: string; subject?: string }): TFakeEvent;
  updateEvent(id: string, patch: Partial<Pick<TFakeEvent, 'start' | 'end' | 'showAs'>>): void;
  deleteEvent(id: string): void;
  /** POSTs change notifications for this calendar's subscriptions through `deliver`. */
  notify(calendarId: string, changeType: string, opts?: { clientState?: string }): Promise<void>;
  close(): Promise<void>;
};

/** How the fake reaches our notificationUrl (the tests hand it to the route handler directly). */
export type TDeliver = (url: string, body: string | null) => Promise<{ status: number; text: string; contentType: string | null }>;

export async function fakeMicrosoft(opts: { deliver?: TDeliver } = {}): Promise<TFakeMicrosoft> {
  const tenant = 'common';
  const tenantId = '9188040d-6c67-4c5b-b112-36a304b66dad';
  const clientId = 'a1b2c3d4-0000-4000-8000-000000000001';
  const clientSecret = 'fake-ms-secret';
  const userId = '00000000-0000-0000-0000-00000000a11c';
  const calendars = [
    { id: 'AAMkCal-primary', name: 'Calendar', canEdit: true, isDefaultCalendar: true },
    { id: 'AAMkCal-birthdays', name: 'Birthdays', canEdit: false, isDefaultCalendar: false },
  ];
  const codes = new Set<string>();
  const accessTokens = new Set<string>();
  const refreshTokens = new Set<string>();
  let version = 0;
  const pendingHangs: ServerResponse[] = [];

  const fake = {
    tenant,
    clientId,
    clientSecret,
    log: [] as string[],
    events: new Map<string, TFakeEvent>(),
    subscriptions: new Map<string, TSub>(),
    hang: false,
    pageSize: 100,
  } as TFakeMicrosoft;

  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const idToken = () =>
    `${b64({ typ: 'JWT', alg: 'none' })}.${b64({
      aud: clientId,
      iss: `${fake.url}/${tenantId}/v2.0`,
      iat: Math.floor(Date.now() / 1000),
      nbf: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 3600,
      name: 'Avery Outlook',
      oid: userId,
      preferred_username: 'avery@contoso.example',
      sub: 'fake-sub',
      tid: tenantId,
      ver: '2.0',
    })}.`;

  function tokenAnswer(res: ServerResponse) {
    const at = `at-${randomBytes(8).toString('hex')}`;
    const rt = `rt-${randomBytes(8).toString('hex')}`;
    accessTokens.add(at);
    refreshTokens.add(rt);
    json(res, 200, {
      token_type: 'Bearer',
      scope: 'Calendars.ReadWrite User.Read openid profile email',
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: at,
      refresh_token: rt,
      id_token: idToken(),
      client_info: b64({ uid: userId, utid: tenantId }),
    });
  }

  function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  }
  const graphError = (res: ServerResponse, status: number, code: string, message: string) =>
    json(res, status, { error: { code, message, innerError: { 'request-id': randomUUID(), date: new Date().toISOString() } } });

  const eventJson = (e: TFakeEvent) => ({
    id: e.id,
    subject: e.subject,
    showAs: e.showAs,
    isCancelled: false,
    start: { dateTime: e.start.replace(/Z$/, '').replace(/\.\d+$/, '') + '.0000000', timeZone: 'UTC' },
    end: { dateTime: e.end.replace(/Z$/, '').replace(/\.\d+$/, '') + '.0000000', timeZone: 'UTC' },
  });

  function toIso(dt: { dateTime: string; timeZone: string }): string {
    if (dt.timeZone !== 'UTC') throw new Error(`fake only takes UTC, got ${dt.timeZone}`);
    return new Date(`${dt.dateTime}Z`).toISOString();
  }

  async function handleGraph(req: IncomingMessage, res: ServerResponse, u: URL, body: string) {
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !accessTokens.has(auth.slice(7)))
      return graphError(res, 401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.');
    const p = u.pathname.replace(/^\/v1\.0/, '');
    const m = (re: RegExp) => re.exec(p);
    let r: RegExpExecArray | null;
    if (req.method === 'GET' && p === '/me')
      return json(res, 200, { id: userId, mail: 'avery@contoso.example', userPrincipalName: 'avery@contoso.example' });
    if (req.method === 'GET' && p === '/me/calendars') return json(res, 200, { value: calendars });
    if (req.method === 'GET' && (r = m(/^\/me\/calendars\/([^/]+)\/calendarView\/delta$/))) {
      const calendarId = decodeURIComponent(r[1]);
      const deltaToken = u.searchParams.get('$deltatoken');
      const skip = Number(u.searchParams.get('$skiptoken') ?? 0);
      const startDateTime = u.searchParams.get('startDateTime')!;
      const endDateTime = u.searchParams.get('endDateTime')!;
      const since = deltaToken === null ? null : Number(deltaToken.split('.')[0]);
      const inWindow = (e: TFakeEvent) => e.start < endDateTime && e.end > startDateTime;
      const all = [...fake.events.values()]
        .filter((e) => e.calendarId === calendarId && (since === null ? !e.deleted && inWindow(e) : e.version > since))
        .sort((a, b) => a.version - b.version);
      const page = all.slice(skip, skip + fake.pageSize);
      const base = `${fake.url}/v1.0/me/calendars/${encodeURIComponent(calendarId)}/calendarView/delta?startDateTime=${startDateTime}&endDateTime=${endDateTime}`;
      const value = page.map((e) => (e.deleted ? { id: e.id, '@removed': { reason: 'deleted' } } : eventJson(e)));
      if (skip + fake.pageSize < all.length)
        return json(res, 200, {
          value,
          '@odata.nextLink': `${base}${deltaToken ? `&$deltatoken=${deltaToken}` : ''}&$skiptoken=${skip + fake.pageSize}`,
        });
      return json(res, 200, { value, '@odata.deltaLink': `${base}&$deltatoken=${version}.${randomBytes(3).toString('hex')}` });
    }
    if ((r = m(/^\/me\/calendars\/([^/]+)\/events$/))) {
      const calendarId = decodeURIComponent(r[1]);
      if (!calendars.some((c) => c.id === calendarId))
        return graphError(res, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
      if (req.method === 'GET') {
        const f = /ep\/value eq '([^']+)'/.exec(u.searchParams.get('$filter') ?? '');
        const hits = [...fake.events.values()].filter((e) => !e.deleted && e.calendarId === calendarId && f && e.bookingId === f[1]);
        return json(res, 200, { value: hits.map((e) => ({ id: e.id })) });
      }
      if (req.method === 'POST') {
        const b = JSON.parse(body) as Record<string, unknown>;
        const props = (b.singleValueExtendedProperties as { id: string; value: string }[] | undefined) ?? [];
        const e: TFakeEvent = {
          id: `AAMkEv-${randomBytes(6).toString('hex')}`,
          calendarId,
          subject: String(b.subject),
          start: toIso(b.start as never),
          end: toIso(b.end as never),
          showAs: String(b.showAs ?? 'busy'),
          bookingId: props.find((x) => x.id.endsWith('Name pathwiseBookingId'))?.value,
          body: (b.body as { content?: string } | undefined)?.content,
          version: ++version,
          deleted: false,
        };
        fake.events.set(e.id, e);
        return json(res, 201, { ...eventJson(e), singleValueExtendedProperties: props });
      }
    }
    if ((r = m(/^\/me\/events\/([^/]+)$/))) {
      const e = fake.events.get(decodeURIComponent(r[1]));
      if (!e || e.deleted) return graphError(res, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
      if (req.method === 'PATCH') {
        const b = JSON.parse(body) as Record<string, unknown>;
        if (b.subject) e.subject = String(b.subject);
        if (b.start) e.start = toIso(b.start as never);
        if (b.end) e.end = toIso(b.end as never);
        if (b.body) e.body = (b.body as { content?: string }).content;
        e.version = ++version;
        return json(res, 200, eventJson(e));
      }
      if (req.method === 'DELETE') {
        e.deleted = true;
        e.version = ++version;
        res.writeHead(204).end();
        return;
      }
    }
    if (req.method === 'POST' && p === '/subscriptions') {
      const b = JSON.parse(body) as TSub & { changeType: string };
      if (!opts.deliver)
        return graphError(res, 400, 'ValidationError', 'Notification endpoint must respond with 200 OK to validation request.');
      const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
      const sep = b.notificationUrl.includes('?') ? '&' : '?';
      const answer = await opts.deliver(`${b.notificationUrl}${sep}validationToken=${encodeURIComponent(token)}`, null);
      if (answer.status !== 200 || answer.text !== token || !answer.contentType?.startsWith('text/plain'))
        return graphError(
          res,
          400,
          'ValidationError',
          'Subscription validation request failed. Response must exactly match validationToken query parameter.',
        );
      const sub: TSub = {
        id: randomUUID(),
        resource: b.resource,
        notificationUrl: b.notificationUrl,
        clientState: b.clientState,
        expirationDateTime: b.expirationDateTime,
      };
      fake.subscriptions.set(sub.id, sub);
      return json(res, 201, { ...sub, changeType: b.changeType, clientState: sub.clientState });
    }
    if ((r = m(/^\/subscriptions\/([^/]+)$/))) {
      const sub = fake.subscriptions.get(decodeURIComponent(r[1]));
      if (!sub) return graphError(res, 404, 'ResourceNotFound', 'The object was not found.');
      if (req.method === 'PATCH') {
        sub.expirationDateTime = (JSON.parse(body) as { expirationDateTime: string }).expirationDateTime;
        return json(res, 200, sub);
      }
      if (req.method === 'DELETE') {
        fake.subscriptions.delete(sub.id);
        res.writeHead(204).end();
        return;
      }
    }
    return graphError(res, 400, 'BadRequest', `Unsupported request ${req.method} ${p}`);
  }

  function handleIdentity(req: IncomingMessage, res: ServerResponse, u: URL, body: string) {
    if (req.method === 'GET' && u.pathname === `/${tenant}/v2.0/.well-known/openid-configuration`) {
      const base = `${fake.url}/${tenant}`;
      return json(res, 200, {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: `${fake.url}/{tenantid}/v2.0`,
        request_uri_parameter_supported: false,
        userinfo_endpoint: `${fake.url}/oidc/userinfo`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nonce', 'tid', 'oid', 'preferred_username', 'name'],
        kerberos_endpoint: `${base}/kerberos`,
        tenant_region_scope: null,
        cloud_instance_name: 'microsoftonline.com',
        cloud_graph_host_name: 'graph.windows.net',
        msgraph_host: 'graph.microsoft.com',
        rbac_url: 'https://pas.windows.net',
      });
    }
    if (req.method === 'POST' && u.pathname === `/${tenant}/oauth2/v2.0/token`) {
      const f = Object.fromEntries(new URLSearchParams(body));
      if (f.client_id !== clientId || f.client_secret !== clientSecret)
        return json(res, 401, {
          error: 'invalid_client',
          error_description: 'AADSTS7000215: Invalid client secret provided.',
          error_codes: [7000215],
        });
      if (f.grant_type === 'authorization_code') {
        if (!codes.delete(f.code))
          return json(res, 400, {
            error: 'invalid_grant',
            error_description: 'AADSTS70008: The provided authorization code has expired.',
            error_codes: [70008],
          });
        return tokenAnswer(res);
      }
      if (f.grant_type === 'refresh_token') {
        if (!refreshTokens.has(f.refresh_token))
          return json(res, 400, {
            error: 'invalid_grant',
            error_description: 'AADSTS70000: The user or administrator has not consented to use the application.',
            error_codes: [70000],
            suberror: 'consent_required',
          });
        return tokenAnswer(res);
      }
      return json(res, 400, { error: 'unsupported_grant_type', error_description: f.grant_type });
    }
    return json(res, 404, { error: 'not_found', error_description: `${req.method} ${u.pathname}` });
  }

  const server = createServer({ cert: FAKE_TLS_CERT, key: FAKE_TLS_KEY }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', fake.url);
      fake.log.push(`${req.method} ${u.pathname}${u.search}`);
      if (fake.hang) return void pendingHangs.push(res);
      const body = Buffer.concat(chunks).toString('utf8');
      const done = u.pathname.startsWith('/v1.0/') ? handleGraph(req, res, u, body) : handleIdentity(req, res, u, body);
      void Promise.resolve(done).catch((e: unknown) => json(res, 500, { error: { code: 'fake', message: String(e) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  fake.issueCode = () => {
    const c = `code-${randomBytes(6).toString('hex')}`;
    codes.add(c);
    return c;
  };
  fake.revokeAll = () => {
    accessTokens.clear();
    refreshTokens.clear();
  };
  fake.expireAccessTokens = () => accessTokens.clear();
  fake.addEvent = (calendarId, e) => {
    const ev: TFakeEvent = {
      id: `AAMkEv-${randomBytes(6).toString('hex')}`,
      calendarId,
      subject: e.subject ?? 'Busy',
      start: new Date(e.start).toISOString(),
      end: new Date(e.end).toISOString(),
      showAs: e.showAs ?? 'busy',
      version: ++version,
      deleted: false,
    };
    fake.events.set(ev.id, ev);
    return ev;
  };
  fake.updateEvent = (id, patch) => {
    const e = fake.events.get(id)!;
    Object.assign(
      e,
      patch,
      patch.start ? { start: new Date(patch.start).toISOString() } : {},
      patch.end ? { end: new Date(patch.end).toISOString() } : {},
    );
    e.version = ++version;
  };
  fake.deleteEvent = (id) => {
    const e = fake.events.get(id)!;
    e.deleted = true;
    e.version = ++version;
  };
  fake.notify = async (calendarId, changeType, o = {}) => {
    for (const s of fake.subscriptions.values()) {
      if (s.resource !== `/me/calendars/${calendarId}/events`) continue;
      const body = JSON.stringify({
        value: [
          {
            subscriptionId: s.id,
            subscriptionExpirationDateTime: s.expirationDateTime,
            changeType,
            resource: `Users/${userId}/Events/AAMkEv-x`,
            resourceData: { '@odata.type': '#Microsoft.Graph.Event', id: 'AAMkEv-x' },
            clientState: o.clientState ?? s.clientState,
            tenantId,
          },
        ],
      });
      await opts.deliver?.(s.notificationUrl, body);
    }
  };
  fake.close = () =>
    new Promise((resolve) => {
      for (const r of pendingHangs.splice(0)) r.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
