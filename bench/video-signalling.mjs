// npm run bench:signalling: the built-in video room's signalling round trip (lib/video/attach-video.ts).
// One round trip = the learner's socket emits an offer (a realistic ~4 kB SDP) → the server relays it to the
// expert's socket → the expert emits an answer → relayed back to the learner. Measured:
//   1. in-process: one Socket.IO server (what `npm start` mounts on the app's port), both sockets on it;
//   2. sidecar: two Redis sidecars (lib/realtime/start-sidecar.ts, Redis Streams adapter), the learner on one and
//      the expert on the other, so every relay crosses Redis.
// Each mode: ROUNDS sequential round trips on one pair, then PAIRS pairs (their own bookings) doing ROUNDS / 4 each
// at once. Env: BENCH_PG (default postgres://postgres@127.0.0.1:5432; a scratch database pw_bench_video is created
// and dropped), REDIS_URL (default redis://127.0.0.1:6379; without a reachable Redis the sidecar mode is skipped),
// BENCH_ROUNDS (default 500), BENCH_PAIRS (default 20). Writes bench/results/video-signalling.json.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';

// lib/ modules import 'server-only', which loads only under the react-server condition, and are TypeScript.
if (!process.env.BENCH_VIDEO_CHILD) {
  const r = spawnSync('npx', ['tsx', '--conditions=react-server', 'bench/video-signalling.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_VIDEO_CHILD: '1', TZ: 'UTC', NODE_ENV: 'production', LOG_LEVEL: 'warn' },
  });
  process.exit(r.status ?? 1);
}

const { default: pg } = await import('pg');
const { Server } = await import('socket.io');
const { io: connect } = await import('socket.io-client');
const { Redis } = await import('ioredis');
const { createPostgresDb } = await import('../lib/db/postgres-client.ts');
const { migrate } = await import('../lib/db/migrate.ts');
const { createSession } = await import('../lib/auth/sessions.ts');
const { attachRealtime } = await import('../lib/realtime/attach-realtime.ts');
const { startSidecar } = await import('../lib/realtime/start-sidecar.ts');

const SERVER = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const DB_NAME = 'pw_bench_video';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 500);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 20);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)].toFixed(2);
};
const stats = (xs) => ({ n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99), max: pct(xs, 100) });

async function admin(text) {
  const c = new pg.Client({ connectionString: SERVER });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

const SDP = `v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n${'a=candidate:1 1 udp 2122260223 192.168.1.10 54321 typ host generation 0\r\n'.repeat(50)}`;

async function main() {
  await admin(`drop database if exists ${DB_NAME} with (force)`);
  await admin(`create database ${DB_NAME}`);
  const db = createPostgresDb(`${SERVER}/${DB_NAME}`, 10);
  try {
    await migrate(db);
    const pairs = [];
    for (let i = 0; i < PAIRS; i++) {
      const q = async (sql, params) => (await db.query(sql, params)).rows[0];
      const tag = randomBytes(4).toString('hex');
      const learner = await q(`insert into public.users (email, name, role, password_hash) values ($1, 'L', 'learner', 'x') returning id`, [
        `bench-l-${tag}@example.test`,
      ]);
      const expertUser = await q(
        `insert into public.users (email, name, role, password_hash) values ($1, 'E', 'expert', 'x') returning id`,
        [`bench-e-${tag}@example.test`],
      );
      const profile = await q(
        `insert into public.expert_profiles (user_id, slug, display_name, status) values ($1, $2, 'E', 'approved') returning id`,
        [expertUser.id, `bench-${tag}`],
      );
      const booking = await q(
        `insert into public.bookings (expert_id, learner_id, starts_at, ends_at, duration_minutes, status, price_minor, currency, payment_status, confirmed_at)
         values ($1, $2, now() - interval '10 minutes', now() + interval '50 minutes', 60, 'confirmed', 5000, 'USD', 'paid', now()) returning id`,
        [profile.id, learner.id],
      );
      pairs.push({
        bookingId: booking.id,
        learnerCookie: `pw_session=${(await createSession(db, learner.id, 1)).token}`,
        expertCookie: `pw_session=${(await createSession(db, expertUser.id, 1)).token}`,
      });
    }

    const results = { machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((x) => +x.toFixed(2)) }, rounds: ROUNDS, pairs: PAIRS };

    // In-process.
    const http = createServer();
    const io = new Server(http);
    attachRealtime(io, { getDb: async () => db, allowedOrigins: [] });
    await new Promise((r) => http.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${http.address().port}`;
    results.inProcess = await measure(
      pairs,
      () => base,
      () => base,
    );
    console.log('in-process', JSON.stringify(results.inProcess));
    await new Promise((r) => io.close(() => r()));

    // Two sidecars on Redis.
    const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    const reachable = await redis.connect().then(
      () => true,
      () => false,
    );
    if (reachable) {
      const prefix = `pw:bench:video:${randomBytes(4).toString('hex')}`;
      const opts = { getDb: async () => db, allowedOrigins: [], stream: `${prefix}:events`, adapterStream: `${prefix}:adapter` };
      const one = await startSidecar({ port: 0, redis, ...opts });
      const two = await startSidecar({ port: 0, redis: redis.duplicate(), ...opts });
      try {
        results.sidecar = await measure(
          pairs,
          () => `http://127.0.0.1:${one.port}`,
          () => `http://127.0.0.1:${two.port}`,
        );
        console.log('sidecar (two instances over Redis)', JSON.stringify(results.sidecar));
      } finally {
        await Promise.all([one.close(), two.close()]);
        await redis.del(`${prefix}:events`, `${prefix}:adapter`);
        redis.disconnect();
      }
    } else {
      results.sidecar = 'skipped: no Redis at REDIS_URL';
      console.log(results.sidecar);
    }
    results.loadavgAfter = os.loadavg().map((x) => +x.toFixed(2));
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/video-signalling.json', JSON.stringify(results, null, 2) + '\n');
    console.log(JSON.stringify(results));
  } finally {
    await db.close();
    await admin(`drop database if exists ${DB_NAME} with (force)`);
  }
}

function open(url, cookie) {
  const s = connect(`${url}/video`, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}

async function joinPair(p, learnerUrl, expertUrl) {
  const learner = await open(learnerUrl, p.learnerCookie);
  const expert = await open(expertUrl, p.expertCookie);
  for (const [s, i] of [
    [learner, 'L'],
    [expert, 'E'],
  ]) {
    const ack = await s.emitWithAck('join', { bookingId: p.bookingId, instance: i });
    if (!ack.ok) throw new Error(`join refused: ${ack.reason}`);
  }
  // The expert answers every offer it is relayed.
  expert.on('signal', (sig) => {
    if (sig.description?.type === 'offer') expert.emit('signal', { key: 'E:1', description: { type: 'answer', sdp: sig.description.sdp } });
  });
  return { learner, expert };
}

/** One offer → answer round trip, in ms. */
function roundTrip(learner) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    learner.once('signal', () => resolve(performance.now() - t0));
    learner.emit('signal', { key: 'L:1', description: { type: 'offer', sdp: SDP } });
  });
}

async function measure(pairs, learnerUrl, expertUrl) {
  const joined = [];
  for (const p of pairs) joined.push(await joinPair(p, learnerUrl(), expertUrl()));
  for (let i = 0; i < 50; i++) await roundTrip(joined[0].learner); // warm-up
  const single = [];
  for (let i = 0; i < ROUNDS; i++) single.push(await roundTrip(joined[0].learner));
  const concurrent = [];
  const t0 = performance.now();
  await Promise.all(
    joined.map(async ({ learner }) => {
      for (let i = 0; i < Math.ceil(ROUNDS / 4); i++) concurrent.push(await roundTrip(learner));
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  for (const { learner, expert } of joined) {
    learner.disconnect();
    expert.disconnect();
  }
  return {
    onePair: stats(single),
    concurrentPairs: { pairs: joined.length, ...stats(concurrent), roundTripsPerSecond: Math.round(concurrent.length / seconds) },
  };
}

await main();
process.exit(0);
