import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@/lib/auth/password';
import { seedDemoIfEmpty } from '@/lib/seed/seed-demo';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/lib/seed/demo-data';
import { checkHealth } from '@/lib/health/check-health';
import { createTestDb, type TTestDb } from '../support/test-db';

let t: TTestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.drop());

describe('demo seed', () => {
  it('fills an empty database once with all three roles, 8+ approved experts and one pending application', async () => {
    expect(await seedDemoIfEmpty(t.db)).toBe(true);
    expect(await seedDemoIfEmpty(t.db)).toBe(false);

    for (const [role, account] of Object.entries(DEMO_ACCOUNTS)) {
      const { rows } = await t.db.query<{ role: string; password_hash: string }>(
        'select role, password_hash from public.users where email = $1',
        [account.email],
      );
      expect(rows[0].role).toBe(role);
      expect(await verifyPassword(rows[0].password_hash, DEMO_PASSWORD)).toBe(true);
    }

    const approved = await t.db.query<{ timezone: string; country: string; specialties: string[]; prices: number }>(
      `select p.timezone, p.country, p.specialties, count(o.*)::int as prices
         from public.expert_profiles p join public.expert_offerings o on o.expert_id = p.id
        where p.status = 'approved' group by p.id`,
    );
    expect(approved.rows.length).toBeGreaterThanOrEqual(8);
    expect(new Set(approved.rows.map((r) => r.timezone)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(approved.rows.map((r) => r.country)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(approved.rows.map((r) => r.specialties[0])).size).toBeGreaterThanOrEqual(8);
    const currencies = await t.db.query('select distinct currency from public.expert_offerings');
    expect(currencies.rows.length).toBeGreaterThanOrEqual(4);

    const pending = await t.db.query("select 1 from public.expert_profiles where status = 'submitted'");
    expect(pending.rows).toHaveLength(1);
  });

  it('gives every demo account the terms and privacy consents a sign-up records', async () => {
    const { rows } = await t.db.query<{ missing: number }>(
      `select count(*)::int as missing from public.users u
        where u.email like '%@pathwise.dev' -- the accounts people sign in as (seeded reviewers cannot)
          and (not exists (select 1 from public.consents c where c.user_id = u.id and c.kind = 'terms' and c.granted)
            or not exists (select 1 from public.consents c where c.user_id = u.id and c.kind = 'privacy' and c.granted))`,
    );
    expect(rows[0].missing).toBe(0);
  });

  it('reports the database kind on the health check', async () => {
    const h = await checkHealth(t.db);
    expect(h.db).toBe(t.url ? 'postgres' : 'pglite');
    expect(h.checks.db).toBe(true);
  });
});
