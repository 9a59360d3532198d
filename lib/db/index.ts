import 'server-only';
import path from 'node:path';
import { env, isBuildPhase } from '@/lib/config';
import { logger } from '@/lib/log/logger';
import { seedDemoOnStart } from '@/lib/seed/seed-demo';
import { migrate } from './migrate';
import { createPgliteDb } from './pglite-client';
import { createPostgresDb } from './postgres-client';
import type { TDb } from './types';

export type { TDb, TQueryable } from './types';
export { withUser, type TDbUser } from './with-user';

// On globalThis so Next's separate module graphs (and dev reloads) in one process share one database:
// a PGlite directory may be opened by one instance only.
const holder = globalThis as unknown as { __pathwiseDb?: Promise<TDb> };

async function open(): Promise<TDb> {
  const e = env();
  const started = Date.now();
  const db = e.DATABASE_URL
    ? createPostgresDb(e.DATABASE_URL, e.DATABASE_POOL_MAX)
    : await createPgliteDb(path.resolve(e.DATA_DIR, 'pglite'));
  const { applied } = await migrate(db);
  const seeded = await seedDemoOnStart(db, e);
  logger().info({ db: db.kind, applied, seeded, ms: Date.now() - started }, 'database ready');
  return db;
}

/** The process's database, opened, migrated and (on an empty database) seeded on first use. */
export function getDb(): Promise<TDb> {
  // `next build` prerenders in worker processes; a page that reaches the database while prerendering
  // must opt into request time (`await connection()`) instead of opening PGlite from the build.
  if (isBuildPhase()) {
    return Promise.reject(new Error('The database was reached during `next build`: make the page dynamic with `await connection()`.'));
  }
  holder.__pathwiseDb ??= open().catch((e) => {
    holder.__pathwiseDb = undefined;
    throw e;
  });
  return holder.__pathwiseDb;
}
