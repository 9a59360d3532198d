// npm run bench (after npm run build): the foundation's targets, measured on this machine.
//  - cold start: spawn of the production server on a fresh PGlite directory → first answered request
//  - First Load JS (gzip) of / and /sign-in: every script the page loads, fetched and gzipped
//  - resident memory of the server after the whole e2e suite has run against it
// Writes bench/results/latest.json and prints a summary.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { gzipSync } from 'node:zlib';

const PORT = 3200;
const BASE = `http://localhost:${PORT}`;
const DATA_DIR = '.data/bench';
rmSync(DATA_DIR, { recursive: true, force: true });

const env = {
  ...process.env,
  NODE_ENV: 'production',
  PORT: String(PORT),
  DATA_DIR,
  DATABASE_URL: '',
  REDIS_URL: '',
  LOG_LEVEL: 'warn',
  AUTH_MAX_ATTEMPTS_PER_IP: '500',
  SEED_DEMO: 'true',
};
const started = performance.now();
// What `npm start` runs: Next.js and the in-process Socket.IO server on one port. Its own process group,
// so the whole tree is stopped at the end.
const server = spawn('node', ['server/main.mjs'], { env: { ...env, TZ: 'UTC' }, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
const stopServer = () => process.kill(-server.pid, 'SIGTERM');

async function waitFor(path) {
  for (;;) {
    try {
      const res = await fetch(BASE + path);
      if (res.ok) return res;
    } catch {}
    await new Promise((r) => setTimeout(r, 20));
  }
}
// First answered request: the landing page (needs no database).
await waitFor('/');
const coldStartMs = Math.round(performance.now() - started);
// First answer that needed the database: on a fresh directory this includes initdb, migrations and the seed.
const health = await (await waitFor('/api/health')).json();
const dbReadyMs = Math.round(performance.now() - started);

async function firstLoadJs(path) {
  const html = await (await fetch(BASE + path)).text();
  // Scripts a modern browser loads; the noModule polyfills are skipped by every browser Next supports.
  const tags = [...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]).filter((t) => !/nomodule/i.test(t));
  const srcs = [...new Set(tags.map((t) => /src="([^"]+)"/.exec(t)?.[1]).filter(Boolean))];
  let gzip = 0;
  let raw = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, BASE))).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body).length;
  }
  return { path, scripts: srcs.length, rawKB: +(raw / 1024).toFixed(1), gzipKB: +(gzip / 1024).toFixed(1) };
}
const firstLoad = [await firstLoadJs('/'), await firstLoadJs('/sign-in')];

function rssMB(pid) {
  // The server and any children it started.
  const out = spawnSync('ps', ['-o', 'pid=,ppid=,rss=', '-A']).stdout.toString();
  const rows = out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const tree = new Set([pid]);
  for (let changed = true; changed;) {
    changed = false;
    for (const [p, pp] of rows)
      if (tree.has(pp) && !tree.has(p)) {
        tree.add(p);
        changed = true;
      }
  }
  return Math.round(rows.filter(([p]) => tree.has(p)).reduce((s, [, , rss]) => s + rss, 0) / 1024);
}
const rssAfterStartMB = rssMB(server.pid);

const e2e = spawnSync('npx', ['playwright', 'test', '--reporter=line'], { env: { ...process.env, E2E_BASE_URL: BASE }, stdio: 'inherit' });
const rssAfterE2eMB = rssMB(server.pid);
stopServer();
await new Promise((r) => setTimeout(r, 1500));

// A restart on the same data directory — the everyday case: no initdb, migrations and seed already done.
const restartedAt = performance.now();
const again = spawn('node', ['server/main.mjs'], { env: { ...env, TZ: 'UTC' }, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
await waitFor('/');
const restartFirstAnswerMs = Math.round(performance.now() - restartedAt);
await waitFor('/api/health');
const restartDbReadyMs = Math.round(performance.now() - restartedAt);
process.kill(-again.pid, 'SIGTERM');

const result = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  mode: { db: health.db, redis: health.redis },
  coldStartMs,
  dbReadyMs,
  restartFirstAnswerMs,
  restartDbReadyMs,
  firstLoadJs: firstLoad,
  rssAfterStartMB,
  rssAfterE2eMB,
  e2eExitCode: e2e.status,
  targets: { coldStartMs: 5000, dbReadyMs: 5000, firstLoadGzipKB: 150, rssMB: 500 },
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
console.log(
  `\n${pkg.name} bench: cold start ${coldStartMs} ms (database ready ${dbReadyMs} ms; restart ${restartFirstAnswerMs}/${restartDbReadyMs} ms); First Load JS ${firstLoad.map((f) => `${f.path} ${f.gzipKB} kB`).join(', ')}; RSS after e2e ${rssAfterE2eMB} MB`,
);
process.exit(0);
