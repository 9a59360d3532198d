import { createHash } from 'node:crypto';

/**
 * Named prepared statements, on a Postgres server and on PGlite (lib/db/pglite-prepared.ts).
 *
 * node-postgres sends a query with a `name` as Parse once per connection and then only Bind/Execute; without a
 * name every query is parsed, analysed and planned again. On a signed-in page that is most of the database's
 * work: three /dashboard views spent 8.3 ms parsing and 21.6 ms binding (planning) against 2.7 ms executing
 * (bench/PAGES.notes.md, "Postgres planning"). A named statement is parsed once, and after five executions
 * Postgres may keep a generic plan for it.
 *
 * Supabase's pooler in transaction mode (port 6543) hands each transaction to any server connection, where the
 * statement was never prepared, so there they stay off (`auto`), as they do with `?pgbouncer=true`.
 */
export type TPreparedSetting = 'auto' | 'on' | 'off';

/** Whether to name statements: on PGlite (no URL) unless `off`; on a server as the setting and its URL say. */
export function preparedStatementsOn(databaseUrl: string | undefined, setting: TPreparedSetting): boolean {
  if (setting !== 'auto') return setting === 'on';
  if (!databaseUrl) return true;
  try {
    const url = new URL(databaseUrl);
    return url.port !== '6543' && url.searchParams.get('pgbouncer') !== 'true';
  } catch {
    return false;
  }
}

// Every query text of the app is written in code, so their number is small; a text built at run time with a
// varying shape (an IN list, a filter set) could grow it, and each name stays prepared on every connection.
// Past this many distinct texts a process stops naming new ones: those queries run unnamed, as before.
export const MAX_NAMED_STATEMENTS = 2000;

/** Gives each query text a stable name (its hash), or undefined once `limit` texts have names. */
export function createStatementNamer(limit = MAX_NAMED_STATEMENTS): (sql: string) => string | undefined {
  const names = new Map<string, string>();
  return (sql) => {
    const known = names.get(sql);
    if (known !== undefined || names.size >= limit) return known;
    const name = `pw_${createHash('sha256').update(sql).digest('base64url').slice(0, 24)}`;
    names.set(sql, name);
    return name;
  };
}
