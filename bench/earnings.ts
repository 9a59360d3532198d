// npm run bench:earnings: the expert's /earnings and the admin's /admin/payments reads, on real Postgres, through
// the library (lib/payments/earnings loadOwnEarnings as the expert under RLS; lib/payments/reports
// loadAdminPayments as the admin), over a ledger of PAYMENTS paid sessions (charge posting each, half transferred,
// a tenth partly refunded) spread over 50 experts and 18 months. Reports p50/p95/p99 of each read (sequential, warm).
// Env: BENCH_DB (postgres | pglite, default postgres; pglite is in memory, one connection like the embedded app),
// BENCH_PG (server URL, default postgres://postgres@127.0.0.1:5432), BENCH_PAYMENTS (default 20000),
// BENCH_READS (default 40), BENCH_CONCURRENCY (reads in flight at once, default 1; on Postgres the pool has 4
// connections), BENCH_KEEP=1 keeps the Postgres database for EXPLAIN. Also counts the statements per read.
// Writes bench/results/earnings[-pglite].json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';

if (!process.env.BENCH_EARNINGS_CHILD) {
  const r = spawnSync('npx', ['tsx', '--conditions=react-server', 'bench/earnings.ts'], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_EARNINGS_CHILD: '1', TZ: 'UTC', NODE_ENV: 'production', LOG_LEVEL: 'warn' },
  });
  process.exit(r.status ?? 1);
}

const SERVER = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const DB_NAME = 'pw_bench_earnings';
const PAYMENTS = Number(process.env.BENCH_PAYMENTS ?? 20_000);
const READS = Number(process.env.BENCH_READS ?? 40);
const EXPERTS = 50;
const KIND = process.env.BENCH_DB === 'pglite' ? 'pglite' : 'postgres';
const CONCURRENCY = Math.max(1, Number(process.env.BENCH_CONCURRENCY ?? 1));

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)].toFixed(2);
};
const stats = (xs: number[]) => ({ n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99), max: pct(xs, 100) });

async function admin(text: string) {
  const c = new pg.Client({ connectionString: SERVER });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

const PROBES: Record<string, string> = {
  month: `select to_char(date_trunc('month', created_at at time zone 'UTC'), 'YYYY-MM'), currency, sum(amount_minor) from public.ledger_entries group by 1, 2`,
  unbalancedTxn: `select txn_id, currency from public.ledger_entries group by 1, 2 having sum(amount_minor) <> 0`,
  refunds: `select * from public.payments p left join public.expert_profiles e on e.id = p.expert_id where p.refunded_minor > 0 order by p.updated_at desc limit 200`,
  disputes: `select * from public.payments p where p.dispute_status is not null order by p.updated_at desc limit 200`,
  accounts: `select account, currency, sum(amount_minor) from public.ledger_entries group by 1, 2`,
};

async function main() {
  const { createPostgresDb } = await import('../lib/db/postgres-client');
  const { createPgliteDb } = await import('../lib/db/pglite-client');
  const { migrate } = await import('../lib/db/migrate');
  const { loadOwnEarnings } = await import('../lib/payments/earnings');
  const { loadAdminPayments } = await import('../lib/payments/reports');
  if (KIND === 'postgres') {
    await admin(`drop database if exists ${DB_NAME} with (force)`);
    await admin(`create database ${DB_NAME}`);
  }
  const inner = KIND === 'postgres' ? createPostgresDb(`${SERVER}/${DB_NAME}`, 4) : await createPgliteDb();
  // Counts the statements each read sends (transaction control and the RLS claims included).
  let statements = 0;
  const count = <T extends object>(q: T): T =>
    new Proxy(q, {
      get(target, prop, recv) {
        const v = Reflect.get(target, prop, recv) as unknown;
        if (prop === 'query')
          return (...a: unknown[]) => {
            statements++;
            return (v as (...x: unknown[]) => unknown).apply(target, a);
          };
        if (prop === 'transaction')
          return (fn: (tx: unknown) => Promise<unknown>) =>
            (v as (f: (tx: unknown) => Promise<unknown>) => Promise<unknown>).call(target, (tx) => fn(count(tx as object)));
        return typeof v === 'function' ? (v as (...x: unknown[]) => unknown).bind(target) : v;
      },
    });
  const db = count(inner);
  try {
    await migrate(db);
    const q = <R = Record<string, unknown>>(sql: string, p: unknown[] = []) => db.query<R>(sql, p);
    const { rows: adminRow } = await q<{ id: string }>(
      `insert into public.users (email, name, role, password_hash) values ('admin@bench.test', 'Admin', 'admin', 'x') returning id`,
    );
    const { rows: learner } = await q<{ id: string }>(
      `insert into public.users (email, name, role, password_hash) values ('learner@bench.test', 'Learner', 'learner', 'x') returning id`,
    );
    await q(
      `insert into public.users (email, name, role, password_hash)
       select 'expert' || i || '@bench.test', 'Expert ' || i, 'expert', 'x' from generate_series(1, $1) i`,
      [EXPERTS],
    );
    await q(
      `insert into public.expert_profiles (user_id, slug, display_name, headline, status)
       select id, 'bench-' || substr(md5(email), 1, 10), name, 'Benchmarks', 'approved' from public.users where role = 'expert'`,
    );
    const t0 = Date.now();
    // Paid, completed bookings: each expert's sessions two hours apart (the no-overlap constraint), over 18 months.
    await q(
      `insert into public.bookings (expert_id, learner_id, starts_at, ends_at, duration_minutes, status, price_minor, currency, payment_status, completed_at)
       select e.id, $2, ts, ts + interval '1 hour', 60, 'completed', 5000 + (i % 7) * 1000, 'USD', 'paid', ts + interval '1 hour'
         from generate_series(1, $1) i
         join lateral (select id from public.expert_profiles order by id offset (i % ${EXPERTS}) limit 1) e on true
         cross join lateral (select timestamptz '2025-06-01' + (i * interval '40 minutes') as ts) t`,
      [PAYMENTS, learner[0].id],
    );
    await q(
      `insert into public.payments (booking_id, learner_id, expert_id, mode, status, amount_minor, commission_minor, currency, charge_id,
                                    transfer_group, transfer_status, paid_at, refunded_minor)
       select b.id, b.learner_id, b.expert_id, 'simulated', 'paid', b.price_minor, b.price_minor * 15 / 100, 'USD', 'sim_ch_' || b.id,
              'booking_' || b.id, 'due', b.starts_at - interval '2 days', 0
         from public.bookings b`,
    );
    const post = (kind: string, where: string, lines: [string, string][], at: string) =>
      q(
        `with p as (select *, gen_random_uuid() as txn from public.payments where ${where})
         insert into public.ledger_entries (txn_id, booking_id, payment_id, expert_id, account, amount_minor, currency, kind, source_ref, created_at)
         select p.txn, p.booking_id, p.id, p.expert_id, l.account, l.amount, 'USD', '${kind}', '${kind}_' || p.id, ${at}
           from p cross join lateral (values ${lines.map(([a, e]) => `('${a}', ${e})`).join(', ')}) l(account, amount)`,
      );
    await post(
      'charge',
      'true',
      [
        ['platform_cash', 'p.amount_minor'],
        ['platform_commission', '-p.commission_minor'],
        ['expert_payable', '-(p.amount_minor - p.commission_minor)'],
      ],
      'p.paid_at',
    );
    await post(
      'refund',
      `abs(hashtext(id::text)) % 10 = 0`,
      [
        ['platform_cash', '-1000'],
        ['platform_commission', '150'],
        ['expert_payable', '850'],
      ],
      `p.paid_at + interval '1 day'`,
    );
    await q(`update public.payments set refunded_minor = 1000, status = 'partially_refunded' where abs(hashtext(id::text)) % 10 = 0`);
    await post(
      'transfer',
      `abs(hashtext(id::text)) % 2 = 0`,
      [
        ['expert_payable', 'p.amount_minor - p.commission_minor - p.refunded_minor * 85 / 100'],
        ['platform_cash', '-(p.amount_minor - p.commission_minor - p.refunded_minor * 85 / 100)'],
      ],
      `p.paid_at + interval '3 days'`,
    );
    await q('analyze');
    const { rows: ledger } = await q<{ n: string }>('select count(*)::text as n from public.ledger_entries');
    const seedMs = Date.now() - t0;
    const { rows: experts } = await q<{ id: string; user_id: string }>(
      'select e.id, e.user_id from public.expert_profiles e order by e.id limit 1',
    );
    const expertUser = { id: experts[0].user_id, email: 'x', name: 'x', role: 'expert' as const };
    const adminUser = { id: adminRow[0].id, email: 'admin@bench.test', name: 'Admin', role: 'admin' as const };
    const statementsPer = async (fn: () => Promise<unknown>) => {
      const before = statements;
      await fn();
      return statements - before;
    };
    const time = async (fn: () => Promise<unknown>) => {
      await fn(); // warm
      const xs: number[] = [];
      let next = 0;
      const worker = async () => {
        while (next < READS) {
          next++;
          const s = performance.now();
          await fn();
          xs.push(performance.now() - s);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      return stats(xs);
    };
    const earningsStatements = await statementsPer(() => loadOwnEarnings(db, expertUser, experts[0].id));
    const reportStatements = await statementsPer(() => loadAdminPayments(db, adminUser));
    const earnings = await time(() => loadOwnEarnings(db, expertUser, experts[0].id));
    const sessions = (await loadOwnEarnings(db, expertUser, experts[0].id)).sessions.length;
    const report = await time(() => loadAdminPayments(db, adminUser));
    if (process.env.BENCH_EXPLAIN) {
      const { rows } = await q<{ 'QUERY PLAN': string }>(
        `explain analyze select 'booking' as scope, booking_id::text as id, currency, sum(amount_minor)::bigint as total from public.ledger_entries
          where booking_id is not null group by 2, 3 having sum(amount_minor) <> 0`,
      );
      console.error(rows.map((r) => r['QUERY PLAN']).join('\n'));
      for (const [name, sql] of Object.entries(PROBES)) {
        const s = performance.now();
        await q(sql);
        console.error(name, (performance.now() - s).toFixed(1), 'ms');
      }
    }
    const out = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadavg: os.loadavg().map((x) => +x.toFixed(2)) },
      db: KIND,
      concurrency: CONCURRENCY,
      payments: PAYMENTS,
      ledgerRows: Number(ledger[0].n),
      seedMs,
      expertSessions: sessions,
      statementsPerRead: { earnings: earningsStatements, adminReport: reportStatements },
      earningsMs: earnings,
      adminReportMs: report,
    };
    console.log(JSON.stringify(out, null, 2));
    mkdirSync('bench/results', { recursive: true });
    const file = `bench/results/earnings${KIND === 'pglite' ? '-pglite' : ''}${CONCURRENCY > 1 ? `-c${CONCURRENCY}` : ''}.json`;
    writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
  } finally {
    await inner.close();
    if (KIND === 'postgres' && !process.env.BENCH_KEEP) await admin(`drop database if exists ${DB_NAME} with (force)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
