import { parse, protocol, type PGlite, type Results } from '@electric-sql/pglite';

const { serialize } = protocol;

/**
 * PGlite's query() speaks the extended protocol with an unnamed statement, one call into the WASM backend per
 * message: Parse, Describe, Bind, Describe, Execute, Sync — and Postgres parses, analyses and plans the text every
 * time. This keeps a named statement per query text instead (lib/db/prepared-statements.ts names them): the first
 * run sends Parse + Describe + Sync in one call and remembers the parameter types; every later run sends
 * Bind + Describe + Execute + Sync in one call. Measured on a join with an aggregate, quiet machine: 544 → 110 µs
 * per query (bench/PAGES.notes.md, fourth pass).
 *
 * It keeps PGlite's own rules: outside a transaction a query waits for any running transaction and then for the
 * backend, and syncs the file system afterwards; inside one (`inTransaction`) it only waits for the backend, as a
 * transaction's own queries do. A Sync ends every batch, so after an error the backend is ready for the next
 * query (and a transaction is left aborted, as with query()).
 */
export function createPgliteStatements(pg: PGlite) {
  // Statement name → its parameters' type oids (from Describe), once Parse has succeeded on this backend.
  const prepared = new Map<string, number[]>();

  async function run<R>(name: string, sql: string, params: unknown[]): Promise<Results<R>> {
    let types = prepared.get(name);
    if (!types) {
      try {
        const described = await pg.execProtocol(
          concat([serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync()]),
          { syncToFs: false },
        );
        types = parse.parseDescribeStatementResults(described.messages);
      } catch (err) {
        // Never leave a half-made statement behind: the next run would fail on "already exists" forever.
        await pg.execProtocol(concat([serialize.close({ type: 'S', name }), serialize.sync()]), { syncToFs: false, throwOnError: false });
        throw err;
      }
      prepared.set(name, types);
    }
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = pg.serializers[types[i]];
      return serializer ? serializer(value) : String(value);
    });
    const { messages } = await pg.execProtocol(
      concat([serialize.bind({ statement: name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]),
      { syncToFs: false },
    );
    return parse.parseResults(messages, pg.parsers)[0] as Results<R>;
  }

  return {
    query<R>(name: string, sql: string, params: unknown[], inTransaction: boolean): Promise<Results<R>> {
      if (inTransaction) return pg._runExclusiveQuery(() => run<R>(name, sql, params));
      return pg._runExclusiveTransaction(() =>
        pg._runExclusiveQuery(async () => {
          const result = await run<R>(name, sql, params);
          await pg.syncToFs();
          return result;
        }),
      );
    },
  };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
