import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_IP_HEADER, guardRequest } from '@/server/request-limits.mjs';

// server/request-limits.mjs on a real HTTP server, in front of a stand-in for Next that buffers the whole
// body the way req.json() / req.formData() do and reports how much it got.
let server: Server;
let port: number;
let buffered = 0;
let lastIp: string | undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (!guardRequest(req, res, { trustProxyHops: 0 })) return;
    lastIp = req.headers[CLIENT_IP_HEADER] as string;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      chunks.push(c);
      buffered = chunks.reduce((n, b) => n + b.length, 0);
    });
    req.on('end', () => res.end(JSON.stringify({ bytes: buffered })));
    req.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((r) => server.close(r)));

type TAnswer = { status: number; body: string; ms: number };

/** Streams `total` bytes in 64 KB chunks with no Content-Length (chunked), as the attack did. */
function sendChunked(total: number, headers: Record<string, string>): Promise<TAnswer> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/auth/sign-in', headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body, ms: Date.now() - started }));
    });
    req.on('error', (e) => (e.message.includes('EPIPE') || e.message.includes('ECONNRESET') ? undefined : reject(e)));
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

function send(body: string | Buffer, headers: Record<string, string>, path = '/api/auth/sign-in'): Promise<TAnswer> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: text, ms: Date.now() - started }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('body limits while the body streams', () => {
  it('answers 413 to a chunked 64 MB JSON body after buffering at most the 1 MB limit', async () => {
    buffered = 0;
    const res = await sendChunked(64 * 1024 * 1024, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(buffered).toBeLessThanOrEqual(1024 * 1024);
  });

  it('answers 413 at once when Content-Length announces too much, without reading the body', async () => {
    const res = await new Promise<TAnswer>((resolve, reject) => {
      const started = Date.now();
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/expert/documents',
          headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(600 * 1024 * 1024) },
        },
        (r) => {
          let body = '';
          r.on('data', (c) => (body += c));
          r.on('end', () => resolve({ status: r.statusCode!, body, ms: Date.now() - started }));
        },
      );
      req.on('error', reject);
      req.write('--x\r\n'); // the rest never comes: the answer must not wait for it
    });
    expect(res.status).toBe(413);
  });

  it('lets a chunked multipart upload of 5 MB through, and refuses 7 MB', async () => {
    buffered = 0;
    const ok = await sendChunked(5 * 1024 * 1024, { 'content-type': 'multipart/form-data; boundary=x', 'transfer-encoding': 'chunked' });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).bytes).toBe(5 * 1024 * 1024);
    const big = await sendChunked(7 * 1024 * 1024, { 'content-type': 'multipart/form-data; boundary=x', 'transfer-encoding': 'chunked' });
    expect(big.status).toBe(413);
  });

  it('passes an ordinary JSON body through whole', async () => {
    const body = JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(900 * 1024) });
    const res = await send(body, { 'content-type': 'application/json' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).bytes).toBe(Buffer.byteLength(body));
  });
});

describe('request address and URL', () => {
  it('gives the app the socket address, not the client-written X-Forwarded-For', async () => {
    await send('{}', { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.1', [CLIENT_IP_HEADER]: '198.51.100.2' });
    expect(lastIp).toBe('127.0.0.1');
  });

  it('refuses a NUL byte in a query parameter with 400 naming it', async () => {
    const res = await send('', {}, '/experts?q=ab%00cd');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'invalid_input', fields: { q: expect.any(String) } } });
  });

  it('refuses a path with a malformed %-escape with 400 (Next answered those 500)', async () => {
    for (const path of ['/experts/%ZZ', '/api/curricula/%ZZ', '/api/experts/%E0%A4%A/slots']) {
      const res = await send('', {}, path);
      expect(res.status, path).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'invalid_input', fields: { path: expect.any(String) } } });
    }
    expect((await send('', {}, '/experts/ana-souza?q=%E2%82%AC')).status).not.toBe(400);
  });
});
