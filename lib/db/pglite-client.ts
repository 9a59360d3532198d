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
  return {
    kind: 'pglite',
    ...base,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    // One process owns a PGlite directory, and PGlite runs one query at a time: no lock to take.
    withAdvisoryLock: (_key, fn) => fn(base),
    close: () => pg.close(),
  };
}
