import 'server-only';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { env, isBuildPhase } from '@/lib/config';
import { logger } from '@/lib/log/logger';
import { seedDemoOnStart } from '@/lib/seed/seed-demo';
import { isDemoSeedingOn } from '@/lib/seed/seed-policy';
import { migrate } from './migrate';
import { createPgliteDb } from './pglite-client';
import { createPostgresDb } from './postgres-client';
import { preparedStatementsOn } from './prepared-statements';
import { createDbStartupReporter } from './startup-progress';
import type { TDb } from './types';

export type { TAnonTx, TDb, TPrivilegedTx, TQueryable, TScopedTx, TUserTx } from './types';
export { withAnon, withUser, type TDbUser } from './with-user';

// On globalThis so Next's separate module graphs (and dev reloads) in one process share one database:
// a PGlite directory may be opened by one instance only.
const holder = globalThis as unknown as { __pathwiseDb?: Promise<TDb> };

async function open(): Promise<TDb> {
  const e = env();
  const started = Date.now();
  // Quiet under test; elsewhere the terminal shows each step (a first start takes ~30 s).
  const progress = createDbStartupReporter(e.NODE_ENV === 'test' ? { print: () => {} } : {});
  const dataDir = path.resolve(e.DATA_DIR, 'pglite');
  progress.opening(!e.DATABASE_URL && !existsSync(path.join(dataDir, 'PG_VERSION')));
  try {
    const preparedStatements = preparedStatementsOn(e.DATABASE_URL, e.DATABASE_PREPARED_STATEMENTS);
    const db = e.DATABASE_URL
      ? createPostgresDb(e.DATABASE_URL, e.DATABASE_POOL_MAX, { preparedStatements })
      : await createPgliteDb(dataDir, { preparedStatements });
    const { applied } = await migrate(db, { onProgress: (done, total) => progress.migrating(done, total) });
    // An existing database is only checked (a query); a new one is filled, which takes a while.
    if (applied.length && isDemoSeedingOn(e)) progress.seeding();
    const seeded = await seedDemoOnStart(db, e);
    logger().info({ db: db.kind, applied, seeded, ms: Date.now() - started }, 'database ready');
    progress.ready(e.APP_URL ?? `http://localhost:${e.PORT}`);
    return db;
  } catch (err) {
    progress.failed(err);
    throw err;
  }
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
