import 'server-only';
import pg from 'pg';
import { logger } from '@/lib/log/logger';
import { autocommit, transactionWithHooks } from './after-commit';
import { createStatementNamer } from './prepared-statements';
import type { TAnonTx, TDb, TRawQueryable } from './types';

/**
 * A pooled connection to a real Postgres server (Supabase's or any).
 *
 * A connection can die under us (a failover, an admin's pg_terminate_backend, a network cut). pg reports that
 * as an `error` event on the client, and an `error` event nobody listens to throws and ends the process. So:
 * the pool gets a listener (idle clients), every checked-out client gets one while we hold it, and a client
 * whose work failed is destroyed on release instead of going back to the pool half-dead. The transaction in
 * flight is rolled back by the server when its backend goes, so the caller sees an error and nothing written.
 */
export function createPostgresDb(connectionString: string, max = 10, options: { preparedStatements?: boolean } = {}): TDb {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000 });
  pool.on('error', (err) => logger().warn({ err }, 'idle postgres connection lost; the pool opens a new one'));
  // Queries with parameters run as named prepared statements (lib/db/prepared-statements.ts); one without is
  // left unnamed, since it may be a script of several statements, which a prepared statement cannot hold.
  const nameOf = options.preparedStatements ? createStatementNamer() : () => undefined;
  const wrap = (c: pg.Pool | pg.PoolClient): TRawQueryable => ({
    async query<R>(sql: string, params?: unknown[]) {
      const name = params ? nameOf(sql) : undefined;
      const r = name ? await c.query({ name, text: sql, values: params }) : await c.query(sql, params as unknown[] | undefined);
      return { rows: r.rows as R[], affectedRows: r.rowCount ?? undefined };
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });

  /**
   * Runs fn on a client of its own. The client goes back to the pool only if it is known to be healthy: a
   * connection that reported an error, or whose clean-up (rollback, unlock) failed, is destroyed instead.
   */
  async function withClient<T>(fn: (client: pg.PoolClient, broken: (err: unknown) => void) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let lost: Error | undefined;
    const broken = (err: unknown) => (lost ??= err instanceof Error ? err : new Error(String(err)));
    // The failing query rejects as well; this listener only keeps the event from crashing the process.
    const onError = (err: Error) => {
      broken(err);
      logger().warn({ err }, 'postgres connection lost while in use');
    };
    client.on('error', onError);
    try {
      return await fn(client, broken);
    } finally {
      client.off('error', onError);
      client.release(lost); // release(err) destroys the client
    }
  }

  const base = autocommit(wrap(pool));
  // Public reads get their own small pool whose sessions start as `anon` (a startup parameter, so no extra
  // round trip per read and no transaction): opened on first use, idle connections close after 30 s.
  let anonPool: pg.Pool | undefined;
  const anon = (): TAnonTx => {
    if (!anonPool) {
      anonPool = new pg.Pool({
        connectionString,
        max: Math.max(2, Math.ceil(max / 2)),
        idleTimeoutMillis: 30_000,
        options: '-c role=anon',
      });
      anonPool.on('error', (err) => logger().warn({ err }, 'idle postgres connection lost; the pool opens a new one'));
    }
    return autocommit(wrap(anonPool)) as unknown as TAnonTx;
  };
  return {
    kind: 'postgres',
    ...base,
    transaction(fn) {
      return transactionWithHooks(
        (body) =>
          withClient(async (client, broken) => {
            await client.query('begin');
            try {
              const result = await body(wrap(client));
              await client.query('commit');
              return result;
            } catch (e) {
              await client.query('rollback').catch(broken);
              throw e;
            }
          }),
        fn,
      );
    },
    withAdvisoryLock(key, fn) {
      return withClient(async (client, broken) => {
        await client.query('select pg_advisory_lock($1)', [key]);
        try {
          return await fn(autocommit(wrap(client)));
        } finally {
          // If this fails the connection is gone (and its session lock with it) or unusable: destroy it either
          // way, so a lock can never stay held by a pooled connection.
          await client.query('select pg_advisory_unlock($1)', [key]).catch(broken);
        }
      });
    },
    asAnon: (fn) => fn(anon()),
    close: async () => {
      await pool.end();
      await anonPool?.end();
    },
  };
}
