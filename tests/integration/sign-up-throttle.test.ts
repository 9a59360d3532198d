import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as signUpRoute } from '@/app/api/auth/sign-up/route';
import { createSignUpLimiter } from '@/lib/auth/rate-limit';
import { signUp } from '@/lib/auth/sign-up';
import { createMemoryCache } from '@/lib/cache/cache';
import { uniqueEmail, uniqueIp } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';

let t: TTestDb;
const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown>; __pathwiseCache?: unknown; __pathwiseSignUpLimiter?: unknown };
beforeAll(async () => {
  t = await createTestDb();
  holder.__pathwiseDb = Promise.resolve(t.db);
  holder.__pathwiseCache = createMemoryCache();
});
afterAll(async () => {
  holder.__pathwiseDb = undefined;
  holder.__pathwiseSignUpLimiter = undefined;
  await t.drop();
});

const input = () => ({ name: 'Ada', email: uniqueEmail('throttle'), password: 'a long password', acceptTerms: true as const });

describe('sign-ups per IP', () => {
  it('allow the limit an hour from one IP, then refuse with a retry time; another IP is unaffected', async () => {
    const limiter = createSignUpLimiter({ perIp: 3 });
    const ip = uniqueIp();
    for (let i = 0; i < 3; i++) await signUp(t.db, input(), { ip, limiter });
    const err = await signUp(t.db, input(), { ip, limiter }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'rate_limited', status: 429, message: expect.stringMatching(/Too many sign-ups.*60 minutes/) });
    await signUp(t.db, input(), { ip: uniqueIp(), limiter });
  });

  it('count invalid attempts too (each costs a password hash)', async () => {
    const limiter = createSignUpLimiter({ perIp: 2 });
    const ip = uniqueIp();
    await expect(signUp(t.db, { ...input(), password: 'short' }, { ip, limiter })).rejects.toMatchObject({ code: 'invalid_input' });
    await signUp(t.db, input(), { ip, limiter });
    await expect(signUp(t.db, input(), { ip, limiter })).rejects.toMatchObject({ code: 'rate_limited' });
  });

  it('POST /api/auth/sign-up answers 429 with Retry-After past the limit', async () => {
    const limiter = createSignUpLimiter({ perIp: 1 });
    holder.__pathwiseSignUpLimiter = limiter;
    const ip = uniqueIp();
    // This IP's one sign-up of the hour is used (a successful one sets a cookie, which needs Next's request scope).
    await limiter.consume(ip);
    const call = () => {
      const body = JSON.stringify(input());
      return signUpRoute(
        new NextRequest('http://localhost:3000/api/auth/sign-up', {
          method: 'POST',
          body,
          headers: {
            host: 'localhost:3000',
            origin: 'http://localhost:3000',
            'sec-fetch-site': 'same-origin',
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(body)),
            'x-pathwise-client-ip': ip,
          },
        }),
        { params: Promise.resolve({}) },
      );
    };
    const users = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from public.users')).rows[0].n;
    const before = await users();
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3000);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited', message: expect.stringMatching(/Too many sign-ups/) } });
    expect(await users()).toBe(before); // the refused attempt made no account
  });
});
