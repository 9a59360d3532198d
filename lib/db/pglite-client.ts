import 'server-only';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import type { TDb, TQueryable } from './types';

/** PGlite (Postgres compiled to WASM): a file-backed database under dataDir, or in memory when dataDir is undefined. */
export async function createPgliteDb(dataDir?: string): Promise<TDb> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir, { extensions: { btree_gist } });
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): TQueryable => ({
    async query<R>(sql: string, params?: unknown[]) {
      const r = await q.query<R>(sql, params);
      return { rows: r.rows, affectedRows: r.affectedRows };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const base = wrap(pg);
  // One process owns a PGlite directory, so an in-process queue per key is the advisory lock.
  const locks = new Map<number, Promise<unknown>>();
  return {
    kind: 'pglite',
    ...base,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    withAdvisoryLock<T>(key: number, fn: (conn: TQueryable) => Promise<T>): Promise<T> {
      const run = (locks.get(key) ?? Promise.resolve()).catch(() => undefined).then(() => fn(base));
      locks.set(key, run);
      return run;
    },
    close: () => pg.close(),
  };
}
