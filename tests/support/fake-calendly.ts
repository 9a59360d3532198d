import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local HTTP server answering as Calendly's API v2 (GET /users/me, GET /scheduled_events with count/page_token
// pagination and next_page links, POST/DELETE /webhook_subscriptions) and its OAuth server (POST /oauth/token:
// authorization_code and refresh_token grants) do, and delivering webhooks signed as Calendly signs them
// (Calendly-Webhook-Signature: t=…,v1=hex HMAC-SHA256 of "t.body" with the subscription's signing key).

export type TCalendlyEvent = { uuid: string; start: string; end: string; status: 'active' | 'canceled' };
type TWebhook = { uuid: string; url: string; events: string[]; signingKey: string; user: string };

export type TFakeCalendly = {
  url: string;
  clientId: string;
  clientSecret: string;
  personalToken: string;
  userUri: string;
  log: string[];
  events: Map<string, TCalendlyEvent>;
  webhooks: Map<string, TWebhook>;
  pageSize: number;
  hang: boolean;
  issueCode(): string;
  revokeAll(): void;
  addEvent(start: string, end: string): TCalendlyEvent;
  cancelEvent(uuid: string): void;
  /** Delivers `event` about `ev` to every webhook, signed; `tamper` changes the body after signing, `ageS` backdates t. */
  deliver(event: 'invitee.created' | 'invitee.canceled', ev: TCalendlyEvent, o?: { tamper?: boolean; ageS?: number }): Promise<void>;
  close(): Promise<void>;
};

export type TCalendlyDeliver = (url: string, body: string, signature: string) => Promise<void>;

export async function fakeCalendly(opts: { deliver?: TCalendlyDeliver } = {}): Promise<TFakeCalendly> {
  const codes = new Set<string>();
  const tokens = new Set<string>();
  const refresh = new Set<string>();
  const held: ServerResponse[] = [];
  const fake = {
    clientId: 'calendly-client',
    clientSecret: 'calendly-secret',
    personalToken: `pat-${randomBytes(8).toString('hex')}`,
    log: [] as string[],
    events: new Map(),
    webhooks: new Map(),
    pageSize: 100,
    hang: false,
  } as TFakeCalendly;
  tokens.add(fake.personalToken);

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const unauthenticated = (res: ServerResponse) => json(res, 401, { title: 'Unauthenticated', message: 'The access token is invalid' });

  const eventJson = (e: TCalendlyEvent) => ({
    uri: `${fake.url}/scheduled_events/${e.uuid}`,
    name: '30 Minute Meeting',
    status: e.status,
    start_time: e.start,
    end_time: e.end,
    event_type: `${fake.url}/event_types/ET1`,
    event_memberships: [{ user: fake.userUri }],
    created_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
  });

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', fake.url);
      fake.log.push(`${req.method} ${u.pathname}${u.search}`);
      if (fake.hang) return void held.push(res);
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.method === 'POST' && u.pathname === '/oauth/token') {
        const f = Object.fromEntries(new URLSearchParams(body));
        if (f.client_id !== fake.clientId || f.client_secret !== fake.clientSecret)
          return json(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
        const ok =
          f.grant_type === 'authorization_code'
            ? codes.delete(f.code)
            : f.grant_type === 'refresh_token' && refresh.delete(f.refresh_token);
        if (!ok)
          return json(res, 400, {
            error: 'invalid_grant',
            error_description: 'The provided authorization grant is invalid, expired or revoked',
          });
        const at = `cal-at-${randomBytes(6).toString('hex')}`;
        const rt = `cal-rt-${randomBytes(6).toString('hex')}`;
        tokens.add(at);
        refresh.add(rt);
        return json(res, 200, {
          token_type: 'Bearer',
          access_token: at,
          refresh_token: rt,
          expires_in: 7200,
          scope: 'default',
          created_at: Math.floor(Date.now() / 1000),
          owner: fake.userUri,
          organization: `${fake.url}/organizations/ORG1`,
        });
      }
      const auth = req.headers.authorization ?? '';
      if (!auth.startsWith('Bearer ') || !tokens.has(auth.slice(7))) return unauthenticated(res);
      if (req.method === 'GET' && u.pathname === '/users/me')
        return json(res, 200, {
          resource: {
            uri: fake.userUri,
            name: 'Casey Calendly',
            email: 'casey@calendly.example',
            current_organization: `${fake.url}/organizations/ORG1`,
            timezone: 'Europe/Berlin',
          },
        });
      if (req.method === 'GET' && u.pathname === '/scheduled_events') {
        const q = u.searchParams;
        if (q.get('user') !== fake.userUri)
          return json(res, 403, { title: 'Permission Denied', message: 'You do not have permission to access this resource.' });
        const min = q.get('min_start_time') ?? '';
        const max = q.get('max_start_time') ?? '9999';
        const status = q.get('status');
        const all = [...fake.events.values()]
          .filter((e) => e.start >= min && e.start < max && (!status || e.status === status))
          .sort((a, b) => a.start.localeCompare(b.start));
        const count = Math.min(Number(q.get('count') ?? 20), fake.pageSize);
        const skip = Number(q.get('page_token') ?? 0);
        const page = all.slice(skip, skip + count);
        const more = skip + count < all.length;
        const next = new URL(u.toString());
        next.searchParams.set('page_token', String(skip + count));
        return json(res, 200, {
          collection: page.map(eventJson),
          pagination: {
            count: page.length,
            next_page: more ? next.toString() : null,
            next_page_token: more ? String(skip + count) : null,
            previous_page: null,
            previous_page_token: null,
          },
        });
      }
      if (req.method === 'POST' && u.pathname === '/webhook_subscriptions') {
        const b = JSON.parse(body) as { url: string; events: string[]; signing_key?: string; user: string; scope: string };
        if (!b.url || !b.events?.length || b.scope !== 'user' || b.user !== fake.userUri)
          return json(res, 400, { title: 'Invalid Argument', message: 'The supplied parameters are invalid.' });
        const hook: TWebhook = { uuid: randomUUID(), url: b.url, events: b.events, signingKey: b.signing_key ?? '', user: b.user };
        fake.webhooks.set(hook.uuid, hook);
        return json(res, 201, {
          resource: {
            uri: `${fake.url}/webhook_subscriptions/${hook.uuid}`,
            callback_url: hook.url,
            events: hook.events,
            scope: 'user',
            state: 'active',
            user: hook.user,
          },
        });
      }
      const m = /^\/webhook_subscriptions\/([^/]+)$/.exec(u.pathname);
      if (m && req.method === 'DELETE') {
        if (!fake.webhooks.delete(m[1])) return json(res, 404, { title: 'Resource Not Found', message: 'not found' });
        res.writeHead(204).end();
        return;
      }
      return json(res, 404, { title: 'Resource Not Found', message: `${req.method} ${u.pathname}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.userUri = `${fake.url}/users/USER1`;

  fake.issueCode = () => {
    const c = `cal-code-${randomBytes(4).toString('hex')}`;
    codes.add(c);
    return c;
  };
  fake.revokeAll = () => {
    tokens.clear();
    refresh.clear();
  };
  fake.addEvent = (start, end) => {
    const e: TCalendlyEvent = {
      uuid: randomUUID(),
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      status: 'active',
    };
    fake.events.set(e.uuid, e);
    return e;
  };
  fake.cancelEvent = (uuid) => {
    fake.events.get(uuid)!.status = 'canceled';
  };
  fake.deliver = async (event, ev, o = {}) => {
    for (const h of fake.webhooks.values()) {
      if (!h.events.includes(event)) continue;
      const payload = {
        event,
        created_at: new Date().toISOString(),
        created_by: fake.userUri,
        payload: {
          uri: `${fake.url}/scheduled_events/${ev.uuid}/invitees/INV1`,
          email: 'invitee@example.test',
          name: 'Invitee',
          status: event === 'invitee.canceled' ? 'canceled' : 'active',
          scheduled_event: eventJson(ev),
        },
      };
      const body = JSON.stringify(payload);
      const t = Math.floor(Date.now() / 1000) - (o.ageS ?? 0);
      const sig = `t=${t},v1=${createHmac('sha256', h.signingKey).update(`${t}.${body}`).digest('hex')}`;
      await opts.deliver?.(h.url, o.tamper ? body.replace('Invitee', 'Intruder') : body, sig);
    }
  };
  fake.close = () =>
    new Promise((resolve) => {
      for (const r of held.splice(0)) r.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
