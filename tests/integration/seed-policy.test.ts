import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin } from '@/lib/auth/create-admin';
import { signIn } from '@/lib/auth/sign-in';
import { createSignInLimiters } from '@/lib/auth/rate-limit';
import { seedDemoOnStart } from '@/lib/seed/seed-demo';
import { createTestDb, type TTestDb } from '../support/test-db';

let t: TTestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.drop());

const count = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from public.users')).rows[0].n;

describe('start-up seeding in production', () => {
  it('leaves an empty production database empty: no demo admin with the public password', async () => {
    const warnings: string[] = [];
    expect(await seedDemoOnStart(t.db, { NODE_ENV: 'production', SEED_DEMO: undefined }, (m) => warnings.push(m))).toBe(false);
    expect(await count()).toBe(0);
    expect(warnings).toEqual([]);
  });

  it('seeds when SEED_DEMO=true says so, with a loud warning', async () => {
    const warnings: string[] = [];
    expect(await seedDemoOnStart(t.db, { NODE_ENV: 'production', SEED_DEMO: true }, (m) => warnings.push(m))).toBe(true);
    expect(await count()).toBeGreaterThan(0);
    expect(warnings.join('\n')).toMatch(/SEED_DEMO=true in production/);
  });
});

describe('admin:create', () => {
  it('creates an admin who can sign in, and refuses a taken email or a weak password', async () => {
    const admin = await createAdmin(t.db, { email: 'Owner@Example.com', name: 'Owner', password: 'a long admin password' });
    expect(admin).toMatchObject({ email: 'owner@example.com', role: 'admin' });
    const limiters = createSignInLimiters({ perAccount: 5, perIp: 50, windowSeconds: 60 });
    const { user } = await signIn(
      t.db,
      { email: 'owner@example.com', password: 'a long admin password' },
      { ttlDays: 1, meta: { ip: '10.9.9.9' }, limiters },
    );
    expect(user.role).toBe('admin');
    await expect(createAdmin(t.db, { email: 'owner@example.com', name: 'Again', password: 'a long admin password' })).rejects.toMatchObject(
      { code: 'conflict' },
    );
    await expect(createAdmin(t.db, { email: 'new@example.com', name: 'Weak', password: 'short' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
