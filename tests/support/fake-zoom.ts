import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local HTTP server answering as Zoom's documented APIs do, for lib/video/zoom.ts:
//   POST /oauth/token?grant_type=account_credentials&account_id=…  Basic client_id:client_secret
//        → 200 { access_token, token_type: 'bearer', expires_in: 3599, scope, api_url }; bad client → 401 { reason, error: 'invalid_client' }
//   POST /v2/users/me/meetings → 201 meeting; PATCH /v2/meetings/{id} → 204; DELETE /v2/meetings/{id} → 204
//   unknown meeting → 404 { code: 3001, message: 'Meeting does not exist: {id}.' }; bad token → 401 { code: 124, message: 'Invalid access token.' }
// `revokeTokens()` makes every issued token invalid (a 401 on its next use); `script` queues statuses for the next API calls.

export type TZoomRequest = { method: string; path: string; query: URLSearchParams; headers: IncomingMessage['headers']; json: unknown };
export type TZoomMeetingRecord = { id: number; topic: string; start_time: string; duration: number; join_url: string; deleted: boolean };
export type TFakeZoom = {
  url: string;
  accountId: string;
  clientId: string;
  clientSecret: string;
  requests: TZoomRequest[];
  meetings: Map<string, TZoomMeetingRecord>;
  script: number[];
  revokeTokens(): void;
  tokenRequests(): TZoomRequest[];
  apiRequests(method?: string): TZoomRequest[];
  close(): Promise<void>;
};

export async function fakeZoom(): Promise<TFakeZoom> {
  const accountId = 'acct_FAKE123';
  const clientId = 'client_FAKE';
  const clientSecret = 'secret_FAKE_0123456789';
  const valid = new Set<string>();
  let tokenN = 0;
  let meetingN = 85_000_000_000;
  const fake = {
    accountId,
    clientId,
    clientSecret,
    requests: [] as TZoomRequest[],
    meetings: new Map(),
    script: [] as number[],
  } as TFakeZoom;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      const raw = Buffer.concat(chunks).toString('utf8');
      const r: TZoomRequest = {
        method: req.method ?? 'GET',
        path: u.pathname,
        query: u.searchParams,
        headers: req.headers,
        json: raw ? JSON.parse(raw) : null,
      };
      fake.requests.push(r);
      const send = (status: number, body?: unknown) => {
        res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
        res.end(body === undefined ? undefined : JSON.stringify(body));
      };
      if (r.path === '/oauth/token' && r.method === 'POST') {
        const basic = Buffer.from(String(req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
        if (basic !== `${clientId}:${clientSecret}`)
          return send(401, { reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
        if (r.query.get('grant_type') !== 'account_credentials')
          return send(400, { reason: 'Unsupported grant type', error: 'unsupported_grant_type' });
        if (r.query.get('account_id') !== accountId) return send(400, { reason: 'Invalid account_id', error: 'invalid_request' });
        const token = `zoom-token-${++tokenN}`;
        valid.add(token);
        return send(200, {
          access_token: token,
          token_type: 'bearer',
          expires_in: 3599,
          scope: 'meeting:write:admin',
          api_url: 'https://api.zoom.us',
        });
      }
      const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
      if (!valid.has(token)) return send(401, { code: 124, message: 'Invalid access token.' });
      const scripted = fake.script.shift();
      if (scripted) return send(scripted, { code: scripted === 429 ? 429 : 300, message: `scripted ${scripted}` });
      const body = (r.json ?? {}) as Record<string, unknown>;
      if (r.path === '/v2/users/me/meetings' && r.method === 'POST') {
        const id = ++meetingN;
        const m: TZoomMeetingRecord = {
          id,
          topic: String(body.topic),
          start_time: String(body.start_time),
          duration: Number(body.duration),
          join_url: `https://us05web.zoom.us/j/${id}?pwd=fakePwd${id}`,
          deleted: false,
        };
        fake.meetings.set(String(id), m);
        return send(201, {
          uuid: `uuid-${id}==`,
          id,
          host_id: 'host_FAKE',
          topic: m.topic,
          type: body.type,
          status: 'waiting',
          start_time: m.start_time,
          duration: m.duration,
          timezone: body.timezone,
          agenda: body.agenda,
          created_at: new Date().toISOString(),
          start_url: `https://us05web.zoom.us/s/${id}?zak=fake`,
          join_url: m.join_url,
          password: 'fakePwd',
          settings: body.settings ?? {},
        });
      }
      const match = /^\/v2\/meetings\/(\d+)$/.exec(r.path);
      const m = match ? fake.meetings.get(match[1]) : undefined;
      if (match && (!m || m.deleted)) return send(404, { code: 3001, message: `Meeting does not exist: ${match[1]}.` });
      if (m && r.method === 'PATCH') {
        if (typeof body.start_time === 'string') m.start_time = body.start_time;
        if (typeof body.duration === 'number') m.duration = body.duration;
        if (typeof body.topic === 'string') m.topic = body.topic;
        return send(204);
      }
      if (m && r.method === 'DELETE') {
        m.deleted = true;
        return send(204);
      }
      return send(404, { code: 404, message: 'Not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.revokeTokens = () => valid.clear();
  fake.tokenRequests = () => fake.requests.filter((r) => r.path === '/oauth/token');
  fake.apiRequests = (method?: string) => fake.requests.filter((r) => r.path.startsWith('/v2/') && (!method || r.method === method));
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}
