// npm run bench:packages: booking with package credits on real Postgres, through lib/packages (the same transactions
// the routes run, without HTTP around them).
//  1. contention: one learner's package has 10 credits left and 20 held times; all 20 redeem at once. Exactly 10 must
//     be confirmed and 10 refused ("No sessions are left"), every round; latency of each redeem (p50/p95/p99).
//  2. throughput: 20 learners, each with their own package, redeem held times concurrently: redeems per second.
// Env: BENCH_PG (server URL, default postgres://postgres@127.0.0.1:5432), BENCH_ROUNDS (default 10).
// Writes bench/results/packages.json; bench/PACKAGES.md has the numbers and the machine's load.
import {
  benchLearners,
  everyHalfHour,
  freshBenchDb,
  machine,
  runUnderReactServer,
  seedBenchMarket,
  stats,
  writeBenchResult,
} from './support/bench-db';

runUnderReactServer('bench/packages.ts', 'BENCH_PACKAGES_CHILD');

const DB_NAME = 'pw_bench_packages';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const CLIENTS = 20;
const HOUR = 3_600_000;

async function main() {
  const { createHold } = await import('../lib/booking/create-hold');
  const { setSlotSourceForTests } = await import('../lib/booking/slot-source');
  const { createPackage } = await import('../lib/packages/manage');
  const { paySimulatedPurchase, startPurchase } = await import('../lib/packages/purchase');
  const { redeemCredit } = await import('../lib/packages/redeem');

  const bench = await freshBenchDb(DB_NAME, CLIENTS + 2);
  const db = bench.db;
  // Every half hour is offered (the booking rules are what is measured here, not the slot rules).
  setSlotSourceForTests(everyHalfHour);

  await seedBenchMarket(db, { experts: CLIENTS + 1, learners: ROUNDS + CLIENTS });
  const experts = (await db.query<{ slug: string; user_id: string }>('select slug, user_id from public.expert_profiles order by slug'))
    .rows;
  const learners = await benchLearners(db);
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
    machine: machine(),
    contention: { rounds, correctEveryRound: true, redeemMs: stats(latencies) },
    throughput: {
      clients: CLIENTS,
      redeems: tp.length,
      seconds: +seconds.toFixed(2),
      perSecond: +(tp.length / seconds).toFixed(1),
      redeemMs: stats(tp),
    },
  };
  writeBenchResult('packages.json', out);
  console.log(JSON.stringify(out, null, 2));
  await bench.drop();
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
