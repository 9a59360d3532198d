import 'server-only';
import pg from 'pg';
import { autocommit, transactionWithHooks } from './after-commit';
import type { TAnonTx, TDb, TRawQueryable } from './types';

/** A pooled connection to a real Postgres server (Supabase's or any). */
export function createPostgresDb(connectionString: string, max = 10): TDb {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000 });
  const wrap = (c: pg.Pool | pg.PoolClient): TRawQueryable => ({
    async query<R>(sql: string, params?: unknown[]) {
      const r = await c.query(sql, params as unknown[] | undefined);
      return { rows: r.rows as R[], affectedRows: r.rowCount ?? undefined };
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });
  const base = autocommit(wrap(pool));
  // Public reads get their own small pool whose sessions start as `anon` (a startup parameter, so no extra
  // round trip per read and no transaction): opened on first use, idle connections close after 30 s.
  let anonPool: pg.Pool | undefined;
  const anon = (): TAnonTx => {
    anonPool ??= new pg.Pool({ connectionString, max: Math.max(2, Math.ceil(max / 2)), idleTimeoutMillis: 30_000, options: '-c role=anon' });
    return autocommit(wrap(anonPool)) as unknown as TAnonTx;
  };
  return {
    kind: 'postgres',
    ...base,
    transaction: (fn) => transactionWithHooks(async (body) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await body(wrap(client));
        await client.query('commit');
        return result;
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    }, fn),
    async withAdvisoryLock(key, fn) {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [key]);
        try {
          return await fn(autocommit(wrap(client)));
        } finally {
          await client.query('select pg_advisory_unlock($1)', [key]);
        }
      } finally {
        client.release();
      }
    },
    asAnon: (fn) => fn(anon()),
    close: async () => {
      await pool.end();
      await anonPool?.end();
    },
  };
}
