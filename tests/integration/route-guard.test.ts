import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as decide } from '@/app/api/admin/experts/[id]/decision/route';
import { POST as confirmReset } from '@/app/api/auth/password-reset/confirm/route';
import { POST as requestReset } from '@/app/api/auth/password-reset/request/route';
import { POST as signIn } from '@/app/api/auth/sign-in/route';
import { POST as signOut } from '@/app/api/auth/sign-out/route';
import { createSession } from '@/lib/auth/sessions';
import { createMemoryCache } from '@/lib/cache/cache';
import { withUser } from '@/lib/db';
import { errorPayload, readJson } from '@/lib/http/route';
import { createUser, uniqueEmail } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';

// The rules of the route wrapper (lib/http/route.ts) on real route handlers and a real database.
let t: TTestDb;
let adminCookie: string;
const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown>; __pathwiseCache?: unknown };
const BASE = 'http://localhost:3000';
const none = { params: Promise.resolve({}) };

beforeAll(async () => {
  t = await createTestDb();
  holder.__pathwiseDb = Promise.resolve(t.db);
  holder.__pathwiseCache = createMemoryCache();
  const admin = await createUser(t.db, { role: 'admin' });
  adminCookie = `pw_session=${(await createSession(t.db, admin.id, 1)).token}`;
});
afterAll(async () => {
  holder.__pathwiseDb = undefined;
  await t.drop();
});

function post(path: string, body: string, headers: Record<string, string>): NextRequest {
  // Browsers and HTTP clients always send Content-Length (or chunk the body); the wrapper reads it.
  return new NextRequest(`${BASE}${path}`, {
    method: 'POST',
    body,
    headers: { host: 'localhost:3000', 'content-length': String(Buffer.byteLength(body)), ...headers },
  });
}
const json = async (res: Response) => (await res.json()) as { error?: { code: string; fields?: Record<string, string> } };

describe('CSRF: mutations come from our own pages, as JSON', () => {
  it('refuses a cross-site text/plain form that spells JSON (login CSRF) before any password is checked', async () => {
    const res = await signIn(
      post('/api/auth/sign-in', '{"email":"attacker@example.com","password":"x"}', {
        'content-type': 'text/plain',
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      }),
      none,
    );
    expect(res.status).toBe(403);
    expect((await json(res)).error?.code).toBe('forbidden');
  });

  it('refuses a cross-site form post to sign-out (logout CSRF)', async () => {
    const res = await signOut(
      post('/api/auth/sign-out', '', {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
        cookie: adminCookie,
      }),
      none,
    );
    expect(res.status).toBe(403);
  });

  it('refuses a same-origin body that is not JSON with 415', async () => {
    const res = await requestReset(
      post('/api/auth/password-reset/request', '{"email":"a@example.com"}', {
        'content-type': 'text/plain',
        origin: BASE,
        'sec-fetch-site': 'same-origin',
      }),
      none,
    );
    expect(res.status).toBe(415);
  });

  it('refuses Sec-Fetch-Site same-site (a sibling subdomain) and Origin "null"', async () => {
    const body = JSON.stringify({ email: uniqueEmail() });
    expect(
      (
        await requestReset(
          post('/api/auth/password-reset/request', body, { 'content-type': 'application/json', 'sec-fetch-site': 'same-site' }),
          none,
        )
      ).status,
    ).toBe(403);
    expect(
      (await requestReset(post('/api/auth/password-reset/request', body, { 'content-type': 'application/json', origin: 'null' }), none))
        .status,
    ).toBe(403);
  });

  it('lets JSON through from this origin, and from a client that sends neither header (no browser, no victim cookie)', async () => {
    // The handler runs and judges the (unknown) link itself: 400 on the token field, not the wrapper's 403/415.
    const body = JSON.stringify({ token: 'x'.repeat(43), password: 'a new long password' });
    const fromPage: Record<string, string> = { origin: BASE, 'sec-fetch-site': 'same-origin' };
    for (const headers of [fromPage, {}]) {
      const res = await confirmReset(
        post('/api/auth/password-reset/confirm', body, { 'content-type': 'application/json', ...headers }),
        none,
      );
      expect(res.status).toBe(400);
      expect((await json(res)).error?.fields).toHaveProperty('token');
    }
  });
});

describe('bad input is a 4xx, never a 500', () => {
  it('answers 400 naming the field for a NUL byte in a JSON text field', async () => {
    const res = await requestReset(
      post('/api/auth/password-reset/request', JSON.stringify({ email: 'a\u0000@example.com' }), { 'content-type': 'application/json' }),
      none,
    );
    expect(res.status).toBe(400);
    expect((await json(res)).error?.fields).toHaveProperty('email');
  });

  it('readJson refuses a NUL byte in any text of the body, naming the field', async () => {
    const req = post('/x', JSON.stringify({ profile: { name: 'Ada\u0000' } }), { 'content-type': 'application/json' });
    await expect(readJson(req)).rejects.toMatchObject({ code: 'invalid_input', fields: { 'profile.name': expect.any(String) } });
  });

  it('readJson stops a chunked body (no Content-Length) at 1 MB with 413', async () => {
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(32));
        if (sent >= 8 * 1024 * 1024) controller.close();
      },
    });
    const init = { method: 'POST', body: stream, headers: { 'content-type': 'application/json' }, duplex: 'half' };
    const req = new NextRequest(`${BASE}/x`, init as ConstructorParameters<typeof NextRequest>[1]);
    await expect(readJson(req)).rejects.toMatchObject({ code: 'payload_too_large' });
    expect(sent).toBeLessThan(2 * 1024 * 1024);
  });

  it('answers 400 naming the parameter for a NUL byte in the query', async () => {
    const req = new NextRequest(`${BASE}/api/auth/password-reset/request?from=a%00b`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    const res = await requestReset(req, none);
    expect(res.status).toBe(400);
    expect((await json(res)).error?.fields).toHaveProperty('from');
  });

  it('answers 413 to a JSON body over 1 MB', async () => {
    const res = await requestReset(
      post('/api/auth/password-reset/request', JSON.stringify({ email: 'x'.repeat(1_100_000) }), { 'content-type': 'application/json' }),
      none,
    );
    expect(res.status).toBe(413);
  });

  it('answers 400 naming the parameter for an id that is not a uuid', async () => {
    const req = post('/api/admin/experts/not-a-uuid/decision', JSON.stringify({ decision: 'approve' }), {
      'content-type': 'application/json',
      cookie: adminCookie,
    });
    const res = await decide(req, { params: Promise.resolve({ id: 'not-a-uuid' }) });
    expect(res.status).toBe(400);
    expect((await json(res)).error?.fields).toHaveProperty('id');
  });

  it('maps a unique violation to 409 and an RLS refusal to 403', async () => {
    const email = uniqueEmail();
    await createUser(t.db, { email });
    const dup = await createUser(t.db, { email }).catch((e: unknown) => e);
    expect(errorPayload(dup, 'r1').status).toBe(409);
    const [expert, other] = [await createUser(t.db, { role: 'expert' }), await createUser(t.db, { role: 'expert' })];
    // A profile for someone else: the insert policy's check refuses it.
    const refused = await withUser(t.db, expert, (tx) =>
      tx.query("insert into public.expert_profiles (user_id, slug, display_name, headline) values ($1, 'not-mine', 'X', 'Y')", [other.id]),
    ).catch((e: unknown) => e);
    expect((refused as { code?: string }).code).toBe('42501');
    expect(errorPayload(refused, 'r2').status).toBe(403);
  });
});
