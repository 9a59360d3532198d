// npm run bench:holds: booking holds on real Postgres, through the booking library (lib/booking/createHold:
// the same transaction the POST /api/bookings route runs, without HTTP, sessions and JSON around it).
//  1. throughput: holds per second across many experts with 20 concurrent clients (target: report it)
//  2. contention: 20 learners race for one slot, repeated; latency of each loser's slot_taken (409), which
//     includes computing the fresh slots it carries (target p99 under 50 ms)
// BENCH_HTTP=1 (after npm run build) runs both against the production server instead (server/main.mjs on
// Postgres, POST /api/bookings with each learner's session cookie).
// Env: BENCH_PG (server URL, default postgres://postgres@127.0.0.1:5432), BENCH_SECONDS (default 10),
// BENCH_ROUNDS (contested rounds, default 50). Writes bench/results/holds.json (holds-http.json over HTTP).
import { spawn } from 'node:child_process';
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

runUnderReactServer('bench/holds.ts', 'BENCH_HOLDS_CHILD');

const DB_NAME = 'pw_bench_holds';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50);
const CLIENTS = 20;
const EXPERTS = 200;
const HOUR = 3_600_000;
const HTTP = process.env.BENCH_HTTP === '1';
const PORT = 3303;
const BASE = `http://localhost:${PORT}`;

async function main() {
  const { createHold } = await import('../lib/booking/create-hold');
  const { SlotTakenError } = await import('../lib/booking/errors');
  const { setSlotSourceForTests } = await import('../lib/booking/slot-source');
  const { getExpertSlots } = await import('../lib/availability/get-expert-slots');
  const { createSession } = await import('../lib/auth/sessions');

  const bench = await freshBenchDb(DB_NAME, CLIENTS);
  const db = bench.db;

  // Seed: experts open every day all day (in their own zones), 60-minute sessions, no notice; learners.
  await seedBenchMarket(db, { experts: EXPERTS, learners: CLIENTS * 50, timezone: 'mixed', slotIntervalMinutes: 30 });
  const experts = (await db.query<{ slug: string }>('select slug from public.expert_profiles order by slug')).rows.map((r) => r.slug);
  const learners = await benchLearners(db);

  // The real slot functions when lib/availability is implemented; otherwise a trivial stand-in (said in the output).
  let slotSource = 'lib/availability getExpertSlots';
  try {
    await getExpertSlots(db, (await db.query<{ id: string }>('select id from public.expert_profiles limit 1')).rows[0].id, {
      from: Date.now(),
      to: Date.now() + HOUR,
      lengthMinutes: 60,
    });
  } catch {
    slotSource = 'stand-in (every half hour; lib/availability was still a placeholder)';
    setSlotSourceForTests(everyHalfHour);
  }

  const base = Math.ceil((Date.now() + 48 * HOUR) / HOUR) * HOUR;
  const body = (slug: string, start: number) => ({
    expertSlug: slug,
    start: new Date(start).toISOString(),
    lengthMinutes: 60,
    brief: 'bench',
    timeZone: 'Asia/Kolkata',
  });
  let stopServer = async () => {};
  const cookies = new Map<string, string>();
  if (HTTP) {
    for (const l of learners) cookies.set(l.id, `pw_session=${(await createSession(db, l.id, 1)).token}`);
    const child = spawn('node', ['server/main.mjs'], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(PORT),
        DATABASE_URL: bench.url,
        REDIS_URL: '',
        SEED_DEMO: 'false',
        DATA_DIR: '.data/bench-holds',
        LOG_LEVEL: 'warn',
        TZ: 'UTC',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true,
    });
    stopServer = () =>
      new Promise<void>((r) => {
        child.on('exit', () => r());
        process.kill(-child.pid!, 'SIGTERM');
      });
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${BASE}/api/health`)).ok) break;
      } catch {}
      if (i > 1200) throw new Error('the server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const hold = async (learner: (typeof learners)[number], slug: string, start: number) => {
    if (!HTTP) return createHold(db, learner, body(slug, start));
    const res = await fetch(`${BASE}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookies.get(learner.id)! },
      body: JSON.stringify(body(slug, start)),
    });
    const json = await res.json();
    if (res.status === 201) return json;
    if (res.status === 409 && json.error?.code === 'slot_taken') throw new SlotTakenError(json.slots);
    throw new Error(`HTTP ${res.status}: ${JSON.stringify(json.error)}`);
  };

  // 1. Throughput: each client walks its own experts and hours, so holds rarely collide.
  let ok = 0;
  let taken = 0;
  let failed = 0;
  const latencies: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = 0; performance.now() < until; i++) {
        const slug = experts[(c + i * CLIENTS) % experts.length];
        const start = base + (Math.floor((c + i * CLIENTS) / experts.length) * 2 + (c % 2)) * HOUR;
        const t0 = performance.now();
        try {
          await hold(learners[(c * 50 + (i % 50)) % learners.length], slug, start);
          ok++;
          latencies.push(performance.now() - t0);
        } catch (e) {
          if (e instanceof SlotTakenError) taken++;
          else {
            failed++;
            if (failed < 3) console.error(e);
          }
        }
      }
    }),
  );
  const throughput = {
    clients: CLIENTS,
    experts: EXPERTS,
    seconds: SECONDS,
    holds: ok,
    holdsPerSecond: +(ok / SECONDS).toFixed(1),
    slotTaken: taken,
    errors: failed,
    latencyMs: stats(latencies),
  };

  // 2. Contention: every round, CLIENTS learners race for one fresh slot of one expert.
  const loserMs: number[] = [];
  const winnerMs: number[] = [];
  let wrong = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const slug = experts[r % experts.length];
    // The first offered start from that hour on (a 60-minute session cannot straddle the expert's local midnight).
    const { rows: ex } = await db.query<{ id: string }>('select id from public.expert_profiles where slug = $1', [slug]);
    const from = base + (400 + r) * HOUR;
    const start = slotSource.startsWith('lib/')
      ? (await getExpertSlots(db, ex[0].id, { from, to: from + 24 * HOUR, lengthMinutes: 60 }))[0].start
      : from;
    const results = await Promise.all(
      learners.slice((r % 40) * CLIENTS, (r % 40) * CLIENTS + CLIENTS).map(async (l) => {
        const t0 = performance.now();
        try {
          await hold(l, slug, start);
          return { won: true, ms: performance.now() - t0 };
        } catch (e) {
          if (!(e instanceof SlotTakenError)) console.error('contested round: not a slot_taken', e);
          return { won: false, ms: performance.now() - t0, taken: e instanceof SlotTakenError };
        }
      }),
    );
    const winners = results.filter((x) => x.won);
    if (winners.length !== 1 || results.some((x) => !x.won && !x.taken)) {
      wrong++;
      console.error(`contested round ${r}: ${winners.length} winners, start ${new Date(start).toISOString()}, expert ${slug}`);
    }
    winnerMs.push(...winners.map((x) => x.ms));
    loserMs.push(...results.filter((x) => !x.won).map((x) => x.ms));
  }
  const contention = {
    rounds: ROUNDS,
    racersPerRound: CLIENTS,
    roundsNotExactlyOneWinner: wrong,
    loser409Ms: stats(loserMs),
    winnerMs: stats(winnerMs),
  };

  await stopServer();
  const result = {
    at: new Date().toISOString(),
    machine: machine(),
    via: HTTP
      ? 'HTTP: POST /api/bookings on the production server (server/main.mjs, Postgres)'
      : 'library (lib/booking/createHold on a 20-connection pool), not HTTP',
    slotSource,
    throughput,
    contention,
  };
  writeBenchResult(HTTP ? 'holds-http.json' : 'holds.json', result);
  console.log(JSON.stringify(result, null, 2));
  await bench.drop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
