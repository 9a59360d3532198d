// npm run bench:load — the production server (`npm start`'s server/main.mjs) on the machine's Postgres (a fresh
// database, dropped at the end) and a Redis of its own (redis-server on BENCH_REDIS_PORT, default 6391; the shared
// 6379 is never touched), demo data seeded (SEED_DEMO=true):
//  1. landing, directory, directory search and a signed-in page (/learn as the demo learner, cookie from a real
//     sign-in) at 100 concurrent clients (autocannon), BENCH_SECONDS (10) each after a 3 s warm-up;
//  2. 1,000 realtime clients (BENCH_SOCKETS) on the public namespace receiving one broadcast (`slots.changed`,
//     caused by the demo expert saving their availability): in-process Socket.IO, then through the sidecar
//     (`npm run realtime`, fed by the Redis stream); then on the embedded default (PGlite, no Redis, in-process;
//     BENCH_SKIP_PGLITE=1 skips it).
// Reuses .next if it holds a build (BENCH_REBUILD=1 rebuilds). Writes bench/results/load.json and bench/LOAD.md.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createBenchServer } from './support/bench-server.mjs';
import {
  createFreshDatabase,
  createOwnRedis,
  ensureBuild,
  expertIdOf,
  fanOut,
  machine,
  resaveAvailability,
  signIn,
  uptime,
  cleanUpOnExit,
  tearDown,
} from './load-support.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 3391);
const SIDECAR_PORT = PORT + 1;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 100;
const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 1000);
const PGLITE_DIR = '.data/bench-load-pglite';
const SEARCHES = ['python', 'german+exam', 'sql', 'react+testing', 'interviews', 'statistics', 'leadership', 'guitar'];

// BENCH_RENDER_ONLY=1 rewrites bench/LOAD.md from bench/results/load.json (after a change to the text below).
if (process.env.BENCH_RENDER_ONLY) {
  writeFileSync('bench/LOAD.md', render(JSON.parse(readFileSync('bench/results/load.json', 'utf8'))));
  process.exit(0);
}
ensureBuild();
const redis = createOwnRedis(Number(process.env.BENCH_REDIS_PORT ?? 6391));
await redis.start();
const db = await createFreshDatabase('pw_bench_load');
const uptimeBefore = uptime();
let server;
let sidecar;
cleanUpOnExit({ redis, db, groups: () => [server?.pid, sidecar?.pid].filter(Boolean) });
const bench = createBenchServer({
  port: PORT,
  databaseUrl: db.url,
  dataDir: '.data/bench-load',
  connections: CONNECTIONS,
  seconds: SECONDS,
  // Sign-ins from one address (this bench) are not what the limit is about.
  env: { REDIS_URL: redis.url, AUTH_MAX_ATTEMPTS_PER_IP: '1000' },
});
const { base } = bench;
try {
  await bench.portFree();
  server = bench.start();
  await bench.waitFor('/api/health');
  const health = await (await fetch(base + '/api/health')).json();
  if (health.db !== 'postgres' || health.redis !== 'redis' || health.status !== 'ok')
    throw new Error(`unexpected mode: ${JSON.stringify(health)}`);

  const learner = await signIn(base, 'learner@pathwise.dev');
  const learn = await fetch(base + '/learn', { headers: { cookie: learner }, redirect: 'manual' });
  if (learn.status !== 200) throw new Error(`/learn as the demo learner answered ${learn.status}`);

  const http = [];
  http.push(await bench.load('landing /', () => '/'));
  http.push(await bench.load('directory /experts', () => '/experts'));
  http.push(
    await bench.load(`directory search /experts?q=… (${SEARCHES.length} searches)`, (i) => `/experts?q=${SEARCHES[i % SEARCHES.length]}`),
  );
  http.push(await bench.load('signed in /learn (demo learner)', () => '/learn', { cookie: learner }));

  const expertCookie = await signIn(base, 'expert@pathwise.dev');
  const expertId = await expertIdOf(db.url, 'expert@pathwise.dev');
  const trigger = () => resaveAvailability(base, expertCookie);
  const realtime = [];
  const inProcess = await fanOut({ url: base, count: SOCKETS, expertId, trigger });
  console.log('fan-out, in-process:', inProcess);
  realtime.push({ name: 'in-process (Postgres + Redis)', ...inProcess, loadavg1m: +os.loadavg()[0].toFixed(2) });
  await server.stop();
  server = undefined;

  // The sidecar: its own process, fed through the Redis stream; the app only publishes.
  const sidecarUrl = `http://localhost:${SIDECAR_PORT}`;
  sidecar = spawn('npx', ['tsx', '--conditions=react-server', 'server/realtime.ts'], {
    env: {
      ...process.env,
      TZ: 'UTC',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      REALTIME_PORT: String(SIDECAR_PORT),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  server = bench.start({ REALTIME_URL: sidecarUrl });
  await bench.waitFor('/api/health');
  for (let i = 0; i < 600; i++) {
    const up = await fetch(sidecarUrl + '/socket.io/?EIO=4&transport=polling').then(
      (r) => r.status === 200,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const expertCookie2 = await signIn(base, 'expert@pathwise.dev');
  const viaSidecar = await fanOut({ url: sidecarUrl, count: SOCKETS, expertId, trigger: () => resaveAvailability(base, expertCookie2) });
  console.log('fan-out, sidecar:', viaSidecar);
  realtime.push({ name: 'sidecar (npm run realtime) via the Redis stream', ...viaSidecar, loadavg1m: +os.loadavg()[0].toFixed(2) });

  await server.stop();
  server = undefined;
  process.kill(-sidecar.pid, 'SIGTERM');
  sidecar = undefined;

  // The embedded default (no DATABASE_URL, no REDIS_URL): PGlite, realtime in the app's process.
  if (!process.env.BENCH_SKIP_PGLITE) {
    rmSync(PGLITE_DIR, { recursive: true, force: true });
    const embedded = createBenchServer({ port: PORT, databaseUrl: '', dataDir: PGLITE_DIR, env: { REDIS_URL: '' } });
    server = embedded.start();
    await embedded.waitFor('/api/health');
    const cookie = await signIn(base, 'expert@pathwise.dev');
    // PGlite is open in the server only: the expert's profile id comes from their own application.
    const id = (await (await fetch(base + '/api/expert/application', { headers: { cookie } })).json()).application?.id;
    if (!id) throw new Error("could not read the demo expert's profile id");
    const pglite = await fanOut({ url: base, count: SOCKETS, expertId: id, trigger: () => resaveAvailability(base, cookie) });
    console.log('fan-out, embedded default:', pglite);
    realtime.unshift({ name: 'in-process, embedded default (PGlite, no Redis)', ...pglite, loadavg1m: +os.loadavg()[0].toFixed(2) });
    await server.stop();
    server = undefined;
    rmSync(PGLITE_DIR, { recursive: true, force: true });
  }

  const out = {
    date: new Date().toISOString(),
    machine: machine(),
    uptimeBefore,
    uptimeAfter: uptime(),
    setup: { connections: CONNECTIONS, seconds: SECONDS, sockets: SOCKETS },
    http,
    realtime,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/load.json', JSON.stringify(out, null, 2) + '\n');
  writeFileSync('bench/LOAD.md', render(out));
  console.log('wrote bench/results/load.json and bench/LOAD.md');
} finally {
  await tearDown({ server, sidecar, db, redis });
}
process.exit(0);

function render(o) {
  const m = o.machine;
  const v = (x) => x ?? '—';
  const cpu = (c) => (c.app === null ? '—' : `${c.postgres} / ${c.app} / ${c.autocannon}`);
  const row = (r) =>
    `| ${r.name} | ${r.rps} | ${v(r.p50)} | ${v(r.p95)} | ${v(r.p99)} | ${r.errors} | ${r.non2xx} | ${cpu(r.cpuMsPerRequest)} | ${r.loadavg1m.before} → ${r.loadavg1m.after} |`;
  const rt = (r) =>
    `| ${r.name} | ${r.clients} | **${r.received}** | ${r.p50} | ${r.p95} | ${r.p99} | ${r.max} | ${r.triggerMs} | ${r.connectMs} | ${r.loadavg1m} |`;
  return [
    '# Load benchmark: pages at 100 clients, a broadcast to 1,000 sockets',
    '',
    `Generated by \`npm run bench:load\` on ${o.date}, commit \`${m.commit}\`${m.dirty ? ' (with uncommitted changes)' : ''} — ${m.cpus} × ${m.cpuModel}, ${m.memGB} GB, Node ${m.node}.`,
    `\`uptime\` before: \`${o.uptimeBefore}\`; after: \`${o.uptimeAfter}\`.`,
    '',
    "The production server (`server/main.mjs`, what `npm start` runs) on the machine's Postgres (a fresh database with the demo",
    "seed) and a Redis of the bench's own (sessions, cache, rate limits). The app, Postgres, Redis and the load generator share",
    `the ${m.cpus} cores${m.cpus <= 2 ? ': read the load average before comparing' : ''}.`,
    '',
    `## Pages: autocannon, ${o.setup.connections} connections, ${o.setup.seconds} s per row after a 3 s warm-up`,
    '',
    'The directory rows are the signed-out pages kept by the fast lane (lib/http/fast-lane.ts); `/learn` is rendered for the',
    'signed-in demo learner on every request. Latencies in ms, of the requests that were answered; "errors" are requests',
    'autocannon gave up on after its 10 s timeout (a row with no latencies had none answered in time). CPU ms per request:',
    "Postgres / the app / autocannon — where the cores went; on a machine this loaded, the app's share is what limits the rate.",
    '',
    '| page | req/s | p50 | p95 | p99 | errors | non-2xx | CPU ms/req | load avg 1 min |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...o.http.map(row),
    '',
    `## Realtime: ${o.setup.sockets} socket.io clients receiving one broadcast`,
    '',
    'Three ways: the app on Postgres and Redis with Socket.IO in its process (`npm start`); the same app with `REALTIME_URL`',
    'and the sidecar (`npm run realtime`), which reads the Redis stream the app writes; and the embedded default (PGlite, no',
    'Redis, in-process). Every client connects to the `/public` namespace (websocket) and watches the demo expert; the demo expert then saves their',
    "availability (`PUT /api/expert/availability`), which commits and broadcasts `slots.changed` to that expert's room.",
    'Latency is from the moment the save was sent to each client\'s receipt (so it includes the save); "save ms" is how long the',
    "save took to answer. All clients run in the bench's one Node process, which also counts against the 2 cores.",
    '',
    '| server | clients | received | p50 ms | p95 ms | p99 ms | max ms | save ms | connect all ms | load avg 1 min |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...o.realtime.map(rt),
    '',
    'Rerun: `npm run bench:load` (env: `BENCH_PG`, `BENCH_REDIS_PORT`, `BENCH_PORT`, `BENCH_SECONDS`, `BENCH_SOCKETS`, `BENCH_REBUILD=1`).',
    '',
  ].join('\n');
}
