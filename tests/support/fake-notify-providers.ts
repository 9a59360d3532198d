import { createHmac } from 'node:crypto';
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
export type TFakeProvider = {
  url: string;
  requests: TFakeRequest[];
  script: number[];
  /** Twilio Verify only: the code the fake "texted" to each number (the last one sent). */
  verifyCodes: Map<string, string>;
  close(): Promise<void>;
};

async function listen(handle: (req: TFakeRequest, status: number) => { status: number; headers?: Record<string, string>; body: string }) {
  const fake = { requests: [] as TFakeRequest[], script: [] as number[], verifyCodes: new Map<string, string>() } as TFakeProvider;
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
  let fake: TFakeProvider | undefined;
  const p = listen((r, scripted) => {
    const v = /^\/v2\/Services\/(VA\w+)\/(Verifications|VerificationCheck)$/.exec(r.path);
    if (v) return verify(fake!, r, scripted, v[1], v[2] as 'Verifications' | 'VerificationCheck');
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
  return p.then((f) => (fake = f));
}

// Twilio Verify v2 (https://verify.twilio.com): POST /v2/Services/{VA…}/Verifications (To, Channel) → 201 with the
// verification resource, status "pending"; POST /v2/Services/{VA…}/VerificationCheck (To, Code) → 200 with status
// "approved" (valid: true) for the right code, "pending" (valid: false) for a wrong one; 404 (code 20404) when no
// pending verification exists for the number. A scripted status answers with Twilio's error body (429 → 60203).
let verifications = 0;
function verify(fake: TFakeProvider, r: TFakeRequest, scripted: number, service: string, what: 'Verifications' | 'VerificationCheck') {
  const f = r.form ?? {};
  const error = (status: number, code: number) => ({
    status,
    body: JSON.stringify({ code, message: `scripted ${status}`, more_info: `https://www.twilio.com/docs/errors/${code}`, status }),
  });
  if (scripted) return error(scripted, scripted === 429 ? 60203 : scripted === 400 ? 60200 : 20500);
  const sid = `VE${String(++verifications).padStart(32, '0')}`;
  const resource = (status: string) => ({
    sid,
    service_sid: service,
    account_sid: 'AC' + '0'.repeat(32),
    to: f.To,
    channel: 'sms',
    status,
    valid: status === 'approved',
    date_created: new Date().toISOString(),
    date_updated: new Date().toISOString(),
    url: `https://verify.twilio.com/v2/Services/${service}/Verifications/${sid}`,
  });
  if (what === 'Verifications') {
    fake.verifyCodes.set(f.To, String(100000 + Math.floor(Math.random() * 900000)));
    return { status: 201, body: JSON.stringify(resource('pending')) };
  }
  const code = fake.verifyCodes.get(f.To);
  if (!code) return error(404, 20404);
  if (code !== f.Code) return { status: 200, body: JSON.stringify(resource('pending')) };
  fake.verifyCodes.delete(f.To);
  return { status: 200, body: JSON.stringify(resource('approved')) };
}

/**
 * X-Twilio-Signature as Twilio documents it (https://www.twilio.com/docs/usage/security#validating-requests): the
 * full URL, then each POST parameter name and value appended in the names' sorted order, HMAC-SHA1 with the
 * auth token, base64. Written out here (not the SDK's helper) so the test checks the app against the scheme.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, k) => acc + k + params[k], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}
