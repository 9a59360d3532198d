import 'server-only';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { autocommit, transactionWithHooks } from './after-commit';
import { createPgliteStatements } from './pglite-prepared';
import { createStatementNamer } from './prepared-statements';
import type { TAnonTx, TDb, TPrivilegedTx, TRawQueryable } from './types';

// An embedded database for one app: a small buffer pool keeps the process well under 500 MB.
const POSTGRES_CONF = ['shared_buffers=32MB'];

function initDataDirInChild(dataDir: string): Promise<void> {
  const script = path.join(process.cwd(), 'server', 'pglite-initdb.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [/* turbopackIgnore: true */ script, dataDir], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`PGlite initdb for ${dataDir} exited with ${code}`))));
  });
}

/** PGlite (Postgres compiled to WASM): a file-backed database under dataDir, or in memory when dataDir is undefined. */
export async function createPgliteDb(dataDir?: string, options: TOpenOptions & { preparedStatements?: boolean } = {}): Promise<TDb> {
  return pgliteDb(await openPglite(dataDir, options), options);
}

type TOpenOptions = {
  /** Start from a `dumpDataDir()` tarball instead of an empty cluster (tests copy one migrated template). */
  loadDataDir?: Blob;
};

/** The PGlite instance itself, with the app's extensions and settings (createPgliteDb wraps it). */
export async function openPglite(dataDir?: string, { loadDataDir }: TOpenOptions = {}): Promise<PGlite> {
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await initDataDirInChild(dataDir);
  }
  return PGlite.create(dataDir, { extensions: { btree_gist }, postgresqlconf: POSTGRES_CONF, loadDataDir });
}

/**
 * The app's database interface over an open PGlite. Queries with parameters run as named prepared statements
 * (lib/db/pglite-prepared.ts) unless `preparedStatements` is false (DATABASE_PREPARED_STATEMENTS=off).
 */
export function pgliteDb(pg: PGlite, { preparedStatements = true }: { preparedStatements?: boolean } = {}): TDb {
  const statements = preparedStatements ? createPgliteStatements(pg) : null;
  const nameOf = preparedStatements ? createStatementNamer() : () => undefined;
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>, inTransaction = false): TRawQueryable => ({
    async query<R>(sql: string, params?: unknown[]) {
      // As on Postgres: a query without parameters stays unnamed (it may be a script of several statements).
      const name = params && statements ? nameOf(sql) : undefined;
      const r = name ? await statements!.query<R>(name, sql, params!, inTransaction) : await q.query<R>(sql, params);
      return { rows: r.rows, affectedRows: r.affectedRows };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const base = autocommit(wrap(pg));
  // One process owns a PGlite directory, so an in-process queue per key is the advisory lock.
  const locks = new Map<number, Promise<unknown>>();
  return {
    kind: 'pglite',
    ...base,
    transaction: (fn) => transactionWithHooks((body) => pg.transaction((tx) => body(wrap(tx, true))), fn),
    withAdvisoryLock<T>(key: number, fn: (conn: TPrivilegedTx) => Promise<T>): Promise<T> {
      const run = (locks.get(key) ?? Promise.resolve()).catch(() => undefined).then(() => fn(base));
      locks.set(key, run);
      return run;
    },
    // One connection in-process: the role is set for one transaction only (in-process, so no round trip to speak of).
    asAnon: (fn) =>
      pg.transaction(async (tx) => {
        await tx.exec('set local role anon');
        return fn(autocommit(wrap(tx, true)) as unknown as TAnonTx);
      }),
    close: () => pg.close(),
  };
}
