import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { signIn } from '@/lib/auth/sign-in';
import { signUp } from '@/lib/auth/sign-up';
import { createSignInLimiters } from '@/lib/auth/rate-limit';
import { getSessionUser, revokeSession } from '@/lib/auth/sessions';
import { createMemoryCache, createRedisCache, type TCache } from '@/lib/cache/cache';
import { AppError } from '@/lib/http/app-error';
import { createTestDb, type TTestDb } from '../support/test-db';
import { uniqueEmail, uniqueIp } from '../support/factories';

let t: TTestDb;
let redis: Redis | null = null;
let cache: TCache;
const limiters = () => createSignInLimiters({ perAccount: 3, perIp: 6, windowSeconds: 60, redis });

beforeAll(async () => {
  t = await createTestDb();
  redis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL) : null;
  cache = redis ? createRedisCache(redis, `pwtest:${process.pid}:`) : createMemoryCache();
});
afterAll(async () => {
  await t.drop();
  await redis?.quit();
});

async function expectAppError(p: Promise<unknown>, code: string): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(code);
    return e as AppError;
  }
  throw new Error(`expected ${code}`);
}

describe('sign-up', () => {
  it('creates a learner with a hashed password', async () => {
    const email = uniqueEmail();
    const user = await signUp(t.db, { name: 'Ada', email: email.toUpperCase(), password: 'a long password', acceptTerms: true });
    expect(user).toMatchObject({ email, name: 'Ada', role: 'learner' });
    const { rows } = await t.db.query<{ password_hash: string }>('select password_hash from public.users where id = $1', [user.id]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses bad input with a message per field, and saves nothing', async () => {
    const email = 'bad-email';
    const err = await expectAppError(signUp(t.db, { name: 'X', email, password: 'short', acceptTerms: true }), 'invalid_input');
    expect(err.status).toBe(400);
    expect(Object.keys(err.fields!).sort()).toEqual(['email', 'password']);
    const { rows } = await t.db.query('select 1 from public.users where email = $1', [email]);
    expect(rows).toHaveLength(0);
  });

  it('refuses a duplicate email with 409 on the email field, whatever its case', async () => {
    const email = uniqueEmail();
    await signUp(t.db, { name: 'First', email, password: 'a long password', acceptTerms: true });
    const err = await expectAppError(
      signUp(t.db, { name: 'Second', email: email.toUpperCase(), password: 'another long one', acceptTerms: true }),
      'conflict',
    );
    expect(err.status).toBe(409);
    expect(err.fields?.email).toMatch(/could not create an account/);
  });

  it('does not confirm that a taken address has an account: same work, neutral message, the owner is mailed', async () => {
    const email = uniqueEmail();
    await signUp(t.db, { name: 'Owner', email, password: 'a long password', acceptTerms: true });
    const time = async (address: string) => {
      const started = performance.now();
      await signUp(t.db, { name: 'Probe', email: address, password: 'a long password', acceptTerms: true }).catch(() => undefined);
      return performance.now() - started;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const taken: number[] = [];
    const fresh: number[] = [];
    for (let i = 0; i < 5; i++) {
      taken.push(await time(email));
      fresh.push(await time(uniqueEmail()));
    }
    // argon2 dominates both paths; before the fix a taken address answered in ~1 ms against ~50+ ms.
    expect(median(taken)).toBeGreaterThan(median(fresh) * 0.5);
    const err = await expectAppError(signUp(t.db, { name: 'Probe', email, password: 'a long password', acceptTerms: true }), 'conflict');
    expect(err.message).not.toMatch(/exists/);
    const { rows } = await t.db.query<{ n: number }>(
      "select count(*)::int as n from public.outbox_messages where recipient = $1 and template = 'sign-up-existing'",
      [email],
    );
    expect(rows[0].n).toBe(1); // once an hour, however many attempts
  });

  it('never creates an admin from the sign-up form', async () => {
    await expectAppError(
      signUp(t.db, { name: 'Mallory', email: uniqueEmail(), password: 'a long password', accountType: 'admin', acceptTerms: true }),
      'invalid_input',
    );
  });
});

describe('sign-in and sessions', () => {
  it('opens a session that resolves to the user, and sign-out ends it', async () => {
    const email = uniqueEmail();
    await signUp(t.db, { name: 'Ben', email, password: 'a long password', accountType: 'expert', acceptTerms: true });
    const { user, session } = await signIn(
      t.db,
      { email, password: 'a long password' },
      { ttlDays: 1, meta: { ip: uniqueIp() }, limiters: limiters() },
    );
    expect(user.role).toBe('expert');
    expect(await getSessionUser(t.db, session.token, cache)).toEqual(user);
    await revokeSession(t.db, session.token, cache);
    expect(await getSessionUser(t.db, session.token, cache)).toBeNull();
    expect(await getSessionUser(t.db, 'not-a-real-token', cache)).toBeNull();
  });

  it('stores only a hash of the session token', async () => {
    const email = uniqueEmail();
    await signUp(t.db, { name: 'Cy', email, password: 'a long password', acceptTerms: true });
    const { session } = await signIn(
      t.db,
      { email, password: 'a long password' },
      { ttlDays: 1, meta: { ip: uniqueIp() }, limiters: limiters() },
    );
    const { rows } = await t.db.query<{ id: string }>('select id from public.sessions where id = $1', [session.token]);
    expect(rows).toHaveLength(0);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const email = uniqueEmail();
    await signUp(t.db, { name: 'Di', email, password: 'a long password', acceptTerms: true });
    const l = limiters();
    const a = await expectAppError(
      signIn(t.db, { email, password: 'wrong password' }, { ttlDays: 1, meta: { ip: uniqueIp() }, limiters: l }),
      'unauthorized',
    );
    const b = await expectAppError(
      signIn(t.db, { email: uniqueEmail(), password: 'wrong password' }, { ttlDays: 1, meta: { ip: uniqueIp() }, limiters: l }),
      'unauthorized',
    );
    expect(a.message).toBe(b.message);
  });

  it('locks an account after repeated failures, even with the right password from a new IP', async () => {
    const email = uniqueEmail();
    await signUp(t.db, { name: 'Eve', email, password: 'a long password', acceptTerms: true });
    const l = limiters();
    for (let i = 0; i < 3; i++)
      await expectAppError(
        signIn(t.db, { email, password: 'nope nope' }, { ttlDays: 1, meta: { ip: uniqueIp() }, limiters: l }),
        'unauthorized',
      );
    const err = await expectAppError(
      signIn(t.db, { email, password: 'a long password' }, { ttlDays: 1, meta: { ip: uniqueIp() }, limiters: l }),
      'rate_limited',
    );
    expect(err.status).toBe(429);
    expect(err.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('limits attempts per IP across accounts', async () => {
    const ip = uniqueIp();
    const l = limiters();
    for (let i = 0; i < 6; i++)
      await expectAppError(
        signIn(t.db, { email: uniqueEmail(), password: 'whatever1' }, { ttlDays: 1, meta: { ip }, limiters: l }),
        'unauthorized',
      );
    await expectAppError(
      signIn(t.db, { email: uniqueEmail(), password: 'whatever1' }, { ttlDays: 1, meta: { ip }, limiters: l }),
      'rate_limited',
    );
  });

  it('a successful sign-in clears the account’s failure count', async () => {
    const email = uniqueEmail();
    await signUp(t.db, { name: 'Fay', email, password: 'a long password', acceptTerms: true });
    const l = limiters();
    const opts = { ttlDays: 1, meta: { ip: uniqueIp() }, limiters: l };
    for (let i = 0; i < 2; i++) await expectAppError(signIn(t.db, { email, password: 'nope nope' }, opts), 'unauthorized');
    await signIn(t.db, { email, password: 'a long password' }, { ...opts, meta: { ip: uniqueIp() } });
    for (let i = 0; i < 2; i++)
      await expectAppError(signIn(t.db, { email, password: 'nope nope' }, { ...opts, meta: { ip: uniqueIp() } }), 'unauthorized');
    await signIn(t.db, { email, password: 'a long password' }, { ...opts, meta: { ip: uniqueIp() } });
  });
});
