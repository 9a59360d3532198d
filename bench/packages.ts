// npm run bench:packages: booking with package credits on real Postgres, through lib/packages (the same transactions
// the routes run, without HTTP around them).
//  1. contention: one learner's package has 10 credits left and 20 held times; all 20 redeem at once. Exactly 10 must
//     be confirmed and 10 refused ("No sessions are left"), every round; latency of each redeem (p50/p95/p99).
//  2. throughput: 20 learners, each with their own package, redeem held times concurrently: redeems per second.
// Env: BENCH_PG (server URL, default postgres://postgres@127.0.0.1:5432), BENCH_ROUNDS (default 10).
// Writes bench/results/packages.json; bench/PACKAGES.md has the numbers and the machine's load.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';

if (!process.env.BENCH_PACKAGES_CHILD) {
  const r = spawnSync('npx', ['tsx', '--conditions=react-server', 'bench/packages.ts'], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_PACKAGES_CHILD: '1', TZ: 'UTC', NODE_ENV: 'production', LOG_LEVEL: 'warn' },
  });
  process.exit(r.status ?? 1);
}

const SERVER = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const DB_NAME = 'pw_bench_packages';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const CLIENTS = 20;
const HOUR = 3_600_000;

const pct = (xs: number[], p: number) => {
  if (!xs.length) return null;
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

async function main() {
  const { createPostgresDb } = await import('../lib/db/postgres-client');
  const { migrate } = await import('../lib/db/migrate');
  const { createHold } = await import('../lib/booking/create-hold');
  const { setSlotSourceForTests } = await import('../lib/booking/slot-source');
  const { createPackage } = await import('../lib/packages/manage');
  const { paySimulatedPurchase, startPurchase } = await import('../lib/packages/purchase');
  const { redeemCredit } = await import('../lib/packages/redeem');

  await admin(`drop database if exists ${DB_NAME} with (force)`);
  await admin(`create database ${DB_NAME}`);
  const db = createPostgresDb(`${SERVER}/${DB_NAME}`, CLIENTS + 2);
  await migrate(db);
  // Every half hour is offered (the booking rules are what is measured here, not the slot rules).
  setSlotSourceForTests({
    async slots(_db, _id, q) {
      const step = 30 * 60_000;
      const out = [];
      for (let t = Math.ceil(Math.max(q.from, q.now ?? Date.now()) / step) * step; t < q.to; t += step)
        out.push({ start: t, end: t + q.lengthMinutes * 60_000 });
      return out;
    },
  });

  const learnersN = ROUNDS + CLIENTS;
  await db.exec(`
    insert into public.users (email, name, role, password_hash)
      select 'bench-expert-' || g || '@example.test', 'Expert ' || g, 'expert', 'x' from generate_series(1, ${CLIENTS + 1}) g;
    insert into public.users (email, name, role, password_hash)
      select 'bench-learner-' || g || '@example.test', 'Learner ' || g, 'learner', 'x' from generate_series(1, ${learnersN}) g;
    insert into public.expert_profiles (user_id, slug, display_name, status, timezone)
      select id, 'bench-' || split_part(split_part(email, '@', 1), '-', 3), name, 'approved', 'UTC'
        from public.users where email like 'bench-expert-%';
    insert into public.expert_offerings (expert_id, duration_minutes, price_minor, currency) select id, 60, 5000, 'USD' from public.expert_profiles;
  `);
  const experts = (await db.query<{ slug: string; user_id: string }>('select slug, user_id from public.expert_profiles order by slug'))
    .rows;
  const learners = (
    await db.query<{ id: string; email: string; name: string }>(
      "select id, email, name from public.users where role = 'learner' order by email",
    )
  ).rows.map((r) => ({ ...r, role: 'learner' as const }));
  const expertUser = (i: number) => ({ id: experts[i].user_id, email: '', name: '', role: 'expert' as const });
  const base = Math.ceil((Date.now() + 48 * HOUR) / HOUR) * HOUR;

  // 1. contention: 10 credits, 20 racers, per round a fresh learner.
  const big = await createPackage(db, expertUser(0), { title: 'Bench 30', sessionCount: 30, lengthMinutes: 60, discountPercent: 10 });
  const latencies: number[] = [];
  const rounds: { confirmed: number; refused: number; wallMs: number }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const learner = learners[r];
    const { purchaseId } = await startPurchase(db, learner, big.id);
    await paySimulatedPurchase(db, learner, purchaseId);
    await db.query('update public.package_purchases set sessions_used = 20 where id = $1', [purchaseId]); // 10 left
    const holds: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const start = base + (r * CLIENTS + i) * 2 * HOUR;
      holds.push(
        (
          await createHold(db, learner, {
            expertSlug: experts[0].slug,
            start: new Date(start).toISOString(),
            lengthMinutes: 60,
            brief: '',
            timeZone: 'UTC',
          })
        ).id,
      );
    }
    const t0 = performance.now();
    const results = await Promise.allSettled(
      holds.map(async (bookingId) => {
        const s = performance.now();
        try {
          await redeemCredit(db, learner, purchaseId, { bookingId });
        } finally {
          latencies.push(performance.now() - s);
        }
      }),
    );
    const confirmed = results.filter((x) => x.status === 'fulfilled').length;
    const refused = results.filter(
      (x) => x.status === 'rejected' && /No sessions are left/.test(String((x.reason as Error).message)),
    ).length;
    rounds.push({ confirmed, refused, wallMs: +(performance.now() - t0).toFixed(1) });
    const { rows } = await db.query<{ used: number }>('select sessions_used as used from public.package_purchases where id = $1', [
      purchaseId,
    ]);
    if (confirmed !== 10 || refused !== 10 || rows[0].used !== 30)
      throw new Error(`round ${r}: ${confirmed} confirmed, ${refused} refused, used ${rows[0].used}`);
  }

  // 2. throughput: 20 learners, each their own package with another expert, 10 holds each, all redeemed concurrently.
  const work: { learner: (typeof learners)[number]; purchaseId: string; holds: string[] }[] = [];
  for (let c = 0; c < CLIENTS; c++) {
    const learner = learners[ROUNDS + c];
    const pkg = await createPackage(db, expertUser(c + 1), { title: 'Bench 10', sessionCount: 10, lengthMinutes: 60, discountPercent: 5 });
    const { purchaseId } = await startPurchase(db, learner, pkg.id);
    await paySimulatedPurchase(db, learner, purchaseId);
    const holds: string[] = [];
    for (let i = 0; i < 10; i++)
      holds.push(
        (
          await createHold(db, learner, {
            expertSlug: experts[c + 1].slug,
            start: new Date(base + i * 2 * HOUR).toISOString(),
            lengthMinutes: 60,
            brief: '',
            timeZone: 'UTC',
          })
        ).id,
      );
    work.push({ learner, purchaseId, holds });
  }
  const tp: number[] = [];
  const t1 = performance.now();
  await Promise.all(
    work.map(async (w) => {
      for (const bookingId of w.holds) {
        const s = performance.now();
        await redeemCredit(db, w.learner, w.purchaseId, { bookingId });
        tp.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t1) / 1000;

  const out = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((x) => +x.toFixed(2)) },
    contention: { rounds, correctEveryRound: true, redeemMs: stats(latencies) },
    throughput: {
      clients: CLIENTS,
      redeems: tp.length,
      seconds: +seconds.toFixed(2),
      perSecond: +(tp.length / seconds).toFixed(1),
      redeemMs: stats(tp),
    },
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/packages.json', JSON.stringify(out, null, 2) + '\n');
  console.log(JSON.stringify(out, null, 2));
  await db.close();
  await admin(`drop database if exists ${DB_NAME} with (force)`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
