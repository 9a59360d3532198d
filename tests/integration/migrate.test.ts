import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { migrate, migrationsDir } from '@/lib/db/migrate';
import { createPostgresDb } from '@/lib/db/postgres-client';
import { createTestDb, type TTestDb } from '../support/test-db';

const files = readdirSync(migrationsDir()).filter((f) => f.endsWith('.sql'));
let t: TTestDb | undefined;
afterEach(async () => {
  await t?.drop();
  t = undefined;
});

describe('migration runner', () => {
  it('applies every migration once and records it; a second run applies nothing', async () => {
    t = await createTestDb({ migrate: false });
    const first = await migrate(t.db);
    expect(first.applied).toHaveLength(files.length);
    const second = await migrate(t.db);
    expect(second.applied).toEqual([]);
    const { rows } = await t.db.query<{ n: number }>('select count(*)::int as n from public.schema_migrations');
    expect(rows[0].n).toBe(files.length);
  });

  it('lets two processes start together: one migrates, the other waits and applies nothing', async () => {
    t = await createTestDb({ migrate: false });
    // A second, independent pool stands in for a second app process on the real server.
    const other = t.url ? createPostgresDb(t.url, 2) : t.db;
    try {
      const [a, b] = await Promise.all([migrate(t.db), migrate(other)]);
      expect(a.applied.length + b.applied.length).toBe(files.length);
      expect([a.applied.length, b.applied.length]).toContain(0);
      const { rows } = await t.db.query<{ n: number }>('select count(*)::int as n from public.users');
      expect(rows[0].n).toBe(0);
    } finally {
      if (other !== t.db) await other.close();
    }
  });
});
