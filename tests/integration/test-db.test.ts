import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '@/lib/db/migrate';
import { createTestDb, type TTestDb } from '../support/test-db';

// createTestDb copies one migrated template (tests/support/template-db.ts); these hold it to what the
// suite relies on: every migration applied, extensions working, and copies independent of each other.
const migrations = readdirSync(migrationsDir()).filter((f) => f.endsWith('.sql')).length;
const made: TTestDb[] = [];
const make = async (options?: { migrate?: boolean }) => {
  const t = await createTestDb(options);
  made.push(t);
  return t;
};
afterAll(async () => {
  for (const t of made) await t.drop();
});

describe('test databases (copies of one migrated template)', () => {
  it('has every migration applied, and btree_gist exclusion constraints refuse overlaps', async () => {
    const { db } = await make();
    const { rows } = await db.query<{ n: number }>('select count(*)::int as n from public.schema_migrations');
    expect(rows[0].n).toBe(migrations);
    await db.exec('create table overlap_probe (k int, r tstzrange, exclude using gist (k with =, r with &&))');
    await db.exec("insert into overlap_probe values (1, tstzrange('2030-01-01 10:00Z', '2030-01-01 11:00Z'))");
    await expect(db.exec("insert into overlap_probe values (1, tstzrange('2030-01-01 10:30Z', '2030-01-01 11:30Z'))")).rejects.toThrow(
      /conflicting key value violates exclusion constraint/,
    );
  });

  it('gives each test its own copy: a write in one is not seen in another', async () => {
    const a = await make();
    const b = await make();
    await a.db.query("insert into public.schema_migrations (version) values ('written-in-a')");
    const { rows } = await b.db.query<{ n: number }>(
      "select count(*)::int as n from public.schema_migrations where version = 'written-in-a'",
    );
    expect(rows[0].n).toBe(0);
  });

  it('gives an empty database with { migrate: false }', async () => {
    const { db } = await make({ migrate: false });
    const { rows } = await db.query<{ t: string | null }>("select to_regclass('public.schema_migrations')::text as t");
    expect(rows[0].t).toBeNull();
  });
});
