import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '@/lib/db/migrate';
import { createPgliteDb } from '@/lib/db/pglite-client';
import { createPostgresDb } from '@/lib/db/postgres-client';
import type { TDb } from '@/lib/db/types';

export type TTestDb = { db: TDb; url: string | null; drop(): Promise<void> };

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or — when
 * TEST_DATABASE_URL is set — a new database on that server, dropped afterwards, so parallel
 * workers and reruns never collide.
 */
export async function createTestDb(options: { migrate?: boolean } = {}): Promise<TTestDb> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) {
    const db = await createPgliteDb();
    if (options.migrate !== false) await migrate(db);
    return { db, url: null, drop: () => db.close() };
  }
  const name = `pw_test_${process.pid}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = createPostgresDb(url.toString(), 5);
  if (options.migrate !== false) await migrate(db);
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      // pg-pool's end() resolves before its connections have closed; forcing the drop while one is still
      // closing sends it a FATAL 57P01 that surfaces as an unhandled error. Wait (briefly) for them to go.
      for (let i = 0; i < 40; i++) {
        const { rows } = await c.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
