import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// Local HTTP servers answering as SendGrid's v3 Mail Send API (POST /v3/mail/send → 202, empty body,
// X-Message-Id) and Twilio's 2010-04-01 Messages API (POST /2010-04-01/Accounts/{sid}/Messages.json,
// form-encoded → 201 with the message resource) do. Each request is recorded; `script` queues the
// statuses of the next requests (an error body as each API documents it; -1 drops the connection), success after that.

export type TFakeRequest = {
  path: string;
  headers: IncomingMessage['headers'];
  raw: string;
  json?: unknown;
  form?: Record<string, string>;
};
export type TFakeProvider = { url: string; requests: TFakeRequest[]; script: number[]; close(): Promise<void> };

async function listen(handle: (req: TFakeRequest, status: number) => { status: number; headers?: Record<string, string>; body: string }) {
  const fake = { requests: [] as TFakeRequest[], script: [] as number[] } as TFakeProvider;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const r: TFakeRequest = { path: req.url ?? '', headers: req.headers, raw };
      if (String(req.headers['content-type']).includes('json')) r.json = JSON.parse(raw || 'null');
      else r.form = Object.fromEntries(new URLSearchParams(raw));
      fake.requests.push(r);
      const scripted = fake.script.shift() ?? 0;
      // -1: the request arrived, and the connection drops with no answer (was it sent?).
      if (scripted === -1) return void req.socket.destroy();
      const out = handle(r, scripted);
      res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers });
      res.end(out.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}

export function fakeSendgrid(): Promise<TFakeProvider> {
  let n = 0;
  return listen((r, scripted) => {
    if (r.path !== '/v3/mail/send') return { status: 404, body: JSON.stringify({ errors: [{ message: 'not found' }] }) };
    if (scripted)
      return { status: scripted, body: JSON.stringify({ errors: [{ message: `scripted ${scripted}`, field: null, help: null }] }) };
    return { status: 202, headers: { 'x-message-id': `sg-msg-${++n}` }, body: '' };
  });
}

export function fakeTwilio(): Promise<TFakeProvider> {
  let n = 0;
  return listen((r, scripted) => {
    const m = /^\/2010-04-01\/Accounts\/(AC\w+)\/Messages\.json$/.exec(r.path);
    if (!m) return { status: 404, body: JSON.stringify({ code: 20404, message: 'not found', status: 404 }) };
    if (scripted)
      return {
        status: scripted,
        body: JSON.stringify({
          code: scripted === 400 ? 21211 : 20500,
          message: `scripted ${scripted}`,
          more_info: 'https://www.twilio.com/docs/errors',
          status: scripted,
        }),
      };
    const sid = `SM${String(++n).padStart(32, '0')}`;
    const f = r.form ?? {};
    return {
      status: 201,
      body: JSON.stringify({
        sid,
        account_sid: m[1],
        to: f.To,
        from: f.From ?? null,
        messaging_service_sid: f.MessagingServiceSid ?? null,
        body: f.Body,
        status: 'queued',
        api_version: '2010-04-01',
        uri: `/2010-04-01/Accounts/${m[1]}/Messages/${sid}.json`,
      }),
    };
  });
}
