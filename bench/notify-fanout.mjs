// npm run bench:fanout — notification fan-out (issue #13, "Must show"): 1,000 connected Socket.IO clients, each an
// authenticated user (session cookie → the realtime server's auth middleware), and per round one notification
// for every one of them, inserted through lib/notifications (notifyUser: the row, the new unread count, the
// `notifications.unread` event published after commit). Measured per round: from the start of the insert, and
// from its commit, to the moment the LAST of the 1,000 clients received its new count; and per client, from the
// insert's start to its own update. The Socket.IO server is the in-process one the app mounts with no REDIS_URL
// (lib/realtime/attach-realtime.ts), the database the embedded PGlite (BENCH_PG=postgres://… uses Postgres).
// Env: BENCH_CLIENTS (default 1000), BENCH_ROUNDS (default 20). Writes bench/results/notify-fanout.json.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';

// lib/ modules import 'server-only', which loads only under the react-server condition: re-run under it.
if (!process.env.BENCH_FANOUT_CHILD) {
  const r = spawnSync('npx', ['tsx', '--conditions=react-server', 'bench/notify-fanout.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_FANOUT_CHILD: '1', TZ: 'UTC', NODE_ENV: 'production', LOG_LEVEL: 'warn' },
  });
  process.exit(r.status ?? 1);
}

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const pct = (xs, p) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)].toFixed(1);
};
const stats = (xs) => ({ n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99), max: pct(xs, 100) });

const { Server } = await import('socket.io');
const { io: connect } = await import('socket.io-client');
const { createPgliteDb } = await import('../lib/db/pglite-client.ts');
const { createPostgresDb } = await import('../lib/db/postgres-client.ts');
const { migrate } = await import('../lib/db/migrate.ts');
const { attachRealtime } = await import('../lib/realtime/attach-realtime.ts');
const { setInProcessSink } = await import('../lib/realtime/publish-event.ts');
const { notifyUser } = await import('../lib/notifications/notify-user.ts');

let db;
let dropPg = async () => {};
if (process.env.BENCH_PG) {
  const pg = (await import('pg')).default;
  const name = `pw_bench_fanout_${process.pid}`;
  const admin = new pg.Client({ connectionString: process.env.BENCH_PG });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(process.env.BENCH_PG);
  url.pathname = `/${name}`;
  db = createPostgresDb(url.toString(), 10);
  dropPg = async () => {
    await db.close();
    const c = new pg.Client({ connectionString: process.env.BENCH_PG });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
} else {
  db = await createPgliteDb();
}
await migrate(db);
console.log(
  `database: ${db.kind}; ${CLIENTS} clients, ${ROUNDS} rounds; load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);

// Users and sessions in bulk (the session row stores the sha256 of the cookie token, as lib/auth/sessions does).
const tokens = Array.from({ length: CLIENTS }, () => randomBytes(32).toString('base64url'));
const { rows: users } = await db.query(
  `insert into public.users (email, name, role, password_hash)
   select 'fanout-' || g || '@bench.test', 'Fan ' || g, 'learner', 'x' from generate_series(1, $1) g returning id`,
  [CLIENTS],
);
await db.query(
  `insert into public.sessions (id, user_id, expires_at) select unnest($1::text[]), unnest($2::uuid[]), now() + interval '1 day'`,
  [tokens.map((t) => createHash('sha256').update(t).digest('hex')), users.map((u) => u.id)],
);

const http = createServer();
// PGlite (WASM) runs on this process's thread: a long insert must not make the clients time out their pings.
const io = new Server(http, { pingTimeout: 120_000, pingInterval: 60_000 });
setInProcessSink(attachRealtime(io, { getDb: async () => db, allowedOrigins: [] }));
await new Promise((r) => http.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${http.address().port}`;

// Connect everyone (in batches, so the auth middleware's lookups do not all queue at once).
const sockets = [];
const waiting = new Map(); // user index → resolve(time)
const connectStarted = performance.now();
for (let i = 0; i < CLIENTS; i += 50) {
  await Promise.all(
    users.slice(i, i + 50).map(
      (_, k) =>
        new Promise((resolve, reject) => {
          const idx = i + k;
          const s = connect(url, { transports: ['websocket'], extraHeaders: { cookie: `pw_session=${tokens[idx]}` }, reconnection: false });
          s.on('event', (e) => {
            if (e.type !== 'notifications.unread') return;
            const done = waiting.get(idx);
            if (done) done({ at: performance.now(), unread: e.payload.unread });
          });
          s.once('connect', () => resolve());
          s.once('connect_error', reject);
          sockets.push(s);
        }),
    ),
  );
}
console.log(`${CLIENTS} clients connected and authenticated in ${(performance.now() - connectStarted).toFixed(0)} ms`);

const fromInsert = [];
const fromCommit = [];
const perClient = [];
const insertMs = [];
for (let round = 1; round <= ROUNDS; round++) {
  const arrivals = users.map((_, idx) => new Promise((resolve) => waiting.set(idx, resolve)));
  const t0 = performance.now();
  await db.transaction(async (tx) => {
    for (const u of users) await notifyUser(tx, u.id, { kind: 'bench.fanout', title: `Round ${round}`, body: 'Fan-out bench' });
  });
  const committed = performance.now();
  const got = await Promise.race([
    Promise.all(arrivals),
    new Promise((_, reject) => setTimeout(() => reject(new Error(`round ${round}: not every client got its count in 120 s`)), 120_000)),
  ]);
  waiting.clear();
  const wrong = got.filter((g) => g.unread !== round).length;
  if (wrong) throw new Error(`round ${round}: ${wrong} clients got a wrong count`);
  const last = Math.max(...got.map((g) => g.at));
  fromInsert.push(last - t0);
  fromCommit.push(last - committed);
  insertMs.push(committed - t0);
  for (const g of got) perClient.push(g.at - t0);
  console.log(
    `round ${round}: insert+commit ${(committed - t0).toFixed(0)} ms, last client ${(last - committed).toFixed(1)} ms after commit`,
  );
}

const result = {
  when: new Date().toISOString(),
  database: db.kind,
  clients: CLIENTS,
  rounds: ROUNDS,
  cpus: os.cpus().length,
  loadavg: os.loadavg().map((x) => +x.toFixed(2)),
  insertToLastClientMs: stats(fromInsert),
  commitToLastClientMs: stats(fromCommit),
  insertOfAllRowsMs: stats(insertMs),
  insertToEachClientMs: stats(perClient),
};
console.log(JSON.stringify(result, null, 2));
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/notify-fanout${db.kind === 'postgres' ? '-postgres' : ''}.json`, JSON.stringify(result, null, 2) + '\n');

for (const s of sockets) s.disconnect();
setInProcessSink(undefined);
await new Promise((r) => io.close(() => r()));
if (db.kind !== 'postgres') await db.close();
await dropPg();
process.exit(0);
