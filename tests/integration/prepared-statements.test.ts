import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TTestDb } from '../support/test-db';

// Named prepared statements (lib/db/prepared-statements.ts) on both engines: PGlite (lib/db/pglite-prepared.ts; the
// app's embedded default and the e2e suite's) always, the Postgres server when TEST_DATABASE_URL is set.
const ENGINES = [['PGlite', 'pglite'] as const, ...(process.env.TEST_DATABASE_URL ? [['Postgres', undefined] as const] : [])];
const SQL = 'select count(*)::int as n from public.users where role = $1';
const PREPARED = 'select name, (generic_plans + custom_plans)::int as runs from pg_prepared_statements where statement = $1';

describe.each(ENGINES)('named prepared statements on %s', (_label, engine) => {
  let t: TTestDb;
  let unnamed: TTestDb;
  beforeAll(async () => {
    t = await createTestDb({ engine });
    unnamed = await createTestDb({ engine, preparedStatements: false });
  });
  afterAll(async () => {
    await t.drop();
    await unnamed.drop();
  });

  it('parses a query once per connection and reuses it with new parameters', async () => {
    const seen = await t.db.transaction(async (tx) => {
      const counts = [];
      for (const role of ['learner', 'expert', 'admin', 'learner']) counts.push((await tx.query<{ n: number }>(SQL, [role])).rows[0].n);
      const { rows } = await tx.query<{ name: string; runs: number }>(PREPARED, [SQL]);
      return { counts, rows };
    });
    expect(seen.counts).toHaveLength(4);
    expect(seen.counts[0]).toBe(seen.counts[3]);
    // One statement on this connection, run four times: parsed once, only bound and executed after that.
    expect(seen.rows).toEqual([{ name: expect.stringMatching(/^pw_/), runs: 4 }]);
  });

  it('reads parameters and rows of every kind the app uses exactly as unnamed queries do', async () => {
    const sql = `select $1::timestamptz as at, $2::jsonb as doc, $3::text[] as tags, $4::boolean as ok, $5::int as missing,
      $6::text as word, $7::uuid as id, $8::numeric as amount, $9::bigint as big, $10::date as day`;
    const params = [
      new Date('2030-05-06T07:08:09.123Z'),
      { a: [1, 'two', null], b: { c: true } },
      ['x', 'y z', 'quote"d'],
      false,
      null,
      "it's",
      '3c30281c-b543-4924-8883-ad29a9159ea9',
      '12.50',
      '9007199254740993',
      '2030-02-28',
    ];
    const named = await t.db.query(sql, params);
    const plain = await unnamed.db.query(sql, params);
    expect(named.rows).toEqual(plain.rows);
    expect(named.rows[0]).toMatchObject({ ok: false, missing: null, word: "it's", tags: ['x', 'y z', 'quote"d'] });
    expect((named.rows[0] as { at: Date }).at.toISOString()).toBe('2030-05-06T07:08:09.123Z');
  });

  it('counts affected rows, and leaves nothing prepared when switched off', async () => {
    const write = 'update probe_rows set k = k where k >= $1';
    const affected = [];
    for (const { db } of [t, unnamed]) {
      await db.exec('create table probe_rows (k int); insert into probe_rows values (1), (2), (3)');
      affected.push((await db.query(write, [2])).affectedRows);
    }
    expect(affected).toEqual([2, 2]);
    const left = await unnamed.db.transaction((tx) => tx.query('select 1 from pg_prepared_statements', []));
    expect(left.rows).toHaveLength(0);
  });

  it('reports errors with their codes, and a failed statement neither poisons later runs nor the connection', async () => {
    const insert = 'insert into probe_later (k) values ($1)';
    // The table does not exist yet: Parse fails, nothing is kept.
    await expect(t.db.query(insert, [1])).rejects.toMatchObject({ code: '42P01' });
    await t.db.exec('create table probe_later (k int primary key)');
    await t.db.query(insert, [1]);
    // A unique violation keeps its code (the app turns 23505 and 23P01 into answers), and rolls the transaction back.
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query(insert, [2]);
        await tx.query(insert, [1]);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    const { rows } = await t.db.query<{ k: number }>('select k from probe_later order by k', []);
    expect(rows).toEqual([{ k: 1 }]);
  });

  it('leaves a query without parameters unnamed (on Postgres it may be a script of several statements)', async () => {
    const plain = "select 'no parameters' as word";
    const script = 'create temporary table probe (x int) on commit drop; insert into probe values (1), (2)';
    const left = await t.db.transaction(async (tx) => {
      await tx.query(plain);
      // node-postgres sends a query without parameters as a simple query, which may hold several statements;
      // PGlite's query() never could (its exec() runs scripts).
      if (!engine) await tx.query(script);
      const n = engine ? 2 : (await tx.query<{ n: number }>('select count(*)::int as n from probe', [])).rows[0].n;
      const prepared = (await tx.query('select 1 from pg_prepared_statements where statement in ($1, $2)', [plain, script])).rows.length;
      return { n, prepared };
    });
    expect(left).toEqual({ n: 2, prepared: 0 });
  });
});
