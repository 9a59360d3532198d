import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { answerWhileDbStarts } from '@/server/db-starting-page.mjs';
import type { TDbStartupState } from '@/lib/db/startup-progress';

const g = globalThis as { __pathwiseDbStartup?: TDbStartupState };

function request(url: string, { method = 'GET', accept = 'text/html,application/xhtml+xml,*/*;q=0.8' } = {}) {
  return { url, method, headers: { accept } } as unknown as IncomingMessage;
}

function response() {
  const sent: { status?: number; headers?: Record<string, string>; body?: string } = {};
  const res = {
    writeHead(status: number, headers: Record<string, string>) {
      sent.status = status;
      sent.headers = headers;
      return res;
    },
    end(body?: string) {
      sent.body = body;
    },
  };
  return { res: res as unknown as ServerResponse, sent };
}

afterEach(() => {
  delete g.__pathwiseDbStartup;
});

describe('the page shown while the database is prepared', () => {
  it('answers a browser asking for a page with 503, the current step, and a self-reload', () => {
    g.__pathwiseDbStartup = { step: 'migrating', message: 'Applying migrations (2/4)…', firstRun: true };
    const { res, sent } = response();
    expect(answerWhileDbStarts(request('/learn'), res)).toBe(true);
    expect(sent.status).toBe(503);
    expect(sent.headers).toMatchObject({ 'retry-after': '2', 'cache-control': 'no-store' });
    expect(sent.body).toContain('<h1>Preparing the database…</h1>');
    expect(sent.body).toContain('Applying migrations (2/4)…');
    expect(sent.body).toContain('first start');
    expect(sent.body).toContain('<meta http-equiv="refresh" content="2">');
  });

  it('says "opening" rather than "first start" when the database already exists', () => {
    g.__pathwiseDbStartup = { step: 'opening', message: 'Opening the database…', firstRun: false };
    const { res, sent } = response();
    expect(answerWhileDbStarts(request('/'), res)).toBe(true);
    expect(sent.body).not.toContain('first start');
    expect(sent.body).toContain('Opening the database…');
  });

  it('leaves API calls, assets, Socket.IO, non-HTML and non-GET requests to wait for the database', () => {
    g.__pathwiseDbStartup = { step: 'seeding', message: 'Seeding demo data…', firstRun: true };
    for (const req of [
      request('/api/health'),
      request('/_next/static/chunks/app.js'),
      request('/socket.io/?EIO=4'),
      request('/learn', { accept: 'application/json' }),
      request('/sign-in', { method: 'POST' }),
    ]) {
      const { res, sent } = response();
      expect(answerWhileDbStarts(req, res), `${req.method} ${req.url}`).toBe(false);
      expect(sent.status).toBeUndefined();
    }
  });

  it('steps aside once the database is ready, after a failure (the next request retries), and before it starts', () => {
    for (const state of [
      { step: 'ready', message: 'Ready in 25.0 s', firstRun: true },
      { step: 'failed', message: 'Failed after 1.0 s: boom', firstRun: true },
      undefined,
    ] as const) {
      g.__pathwiseDbStartup = state;
      const { res } = response();
      expect(answerWhileDbStarts(request('/'), res), state?.step ?? 'no state').toBe(false);
    }
  });

  it('escapes the step message', () => {
    g.__pathwiseDbStartup = { step: 'opening', message: '<script>x</script>', firstRun: false };
    const { res, sent } = response();
    answerWhileDbStarts(request('/'), res);
    expect(sent.body).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(sent.body).not.toContain('<script>x');
  });
});
