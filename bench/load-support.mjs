// What bench/load.mjs and bench/faults.mjs share: a production build, a Redis of their own (never the shared
// one on 6379), a fresh database on the machine's Postgres, demo sign-ins, and the realtime fan-out measurement.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { io as connect } from 'socket.io-client';
import { pct, sql } from './support/bench-server.mjs';

export const PG_SERVER = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
export const DEMO_PASSWORD = 'pathwise-demo';

/** Reuses .next when it holds a production build, else builds the way the README says (no database, no Redis). */
export function ensureBuild() {
  if (existsSync('.next/BUILD_ID') && !process.env.BENCH_REBUILD) {
    console.log(`reusing the production build in .next (${readFileSync('.next/BUILD_ID', 'utf8').trim()}); BENCH_REBUILD=1 rebuilds`);
    return;
  }
  const r = spawnSync('npm', ['run', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error('npm run build failed');
}

/** A redis-server of the bench's own on `port` (no persistence). */
export function createOwnRedis(port) {
  const pidfile = `/tmp/pathwise-bench-redis-${port}.pid`;
  const cli = (...args) => spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' });
  const api = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      if (cli('ping').stdout?.includes('PONG'))
        throw new Error(`something already answers on Redis port ${port}; pick another with BENCH_REDIS_PORT`);
      execFileSync('redis-server', [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'yes',
        '--pidfile',
        pidfile,
      ]);
      for (let i = 0; i < 100; i++) {
        if (cli('ping').stdout?.includes('PONG')) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('redis-server did not start');
    },
    /** The pid of our redis-server (from its pid file), to stop exactly that process. */
    pid() {
      return Number(readFileSync(pidfile, 'utf8').trim());
    },
    /** Kills it like a crash (SIGKILL) and waits until the port is closed. */
    async kill() {
      const pid = api.pid();
      process.kill(pid, 'SIGKILL');
      for (let i = 0; i < 100; i++) {
        if (!cli('ping').stdout?.includes('PONG')) return;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('redis-server did not stop');
    },
    stop() {
      cli('shutdown', 'nosave');
    },
  };
  return api;
}

/** Drops a bench database synchronously (psql), so it also works in a process 'exit' handler. */
export function dropDatabaseSync(name) {
  spawnSync('psql', [`${PG_SERVER}/postgres`, '-qc', `drop database if exists ${name} with (force)`], { stdio: 'ignore' });
}

/** A fresh database on the machine's Postgres; drop() removes it. */
export async function createFreshDatabase(name) {
  await sql(`${PG_SERVER}/postgres`, `drop database if exists ${name} with (force)`);
  await sql(`${PG_SERVER}/postgres`, `create database ${name}`);
  return { url: `${PG_SERVER}/${name}`, name, drop: () => sql(`${PG_SERVER}/postgres`, `drop database if exists ${name} with (force)`) };
}

/** Signs a demo account in through the real route and returns its session cookie (`pw_session=…`). */
export async function signIn(base, email) {
  const res = await fetch(base + '/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  if (!res.ok || !cookie.startsWith('pw_session=')) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  return cookie;
}

/** Saves the demo expert's availability unchanged: a real multi-statement write that broadcasts `slots.changed`. */
export async function resaveAvailability(base, cookie) {
  const headers = { cookie, origin: base, 'content-type': 'application/json' };
  const current = await (await fetch(base + '/api/expert/availability', { headers })).json();
  const { weekly, overrides, settings } = current.availability;
  return fetch(base + '/api/expert/availability', { method: 'PUT', headers, body: JSON.stringify({ weekly, overrides, settings }) });
}

export async function expertIdOf(databaseUrl, email) {
  const { rows } = await sql(
    databaseUrl,
    'select p.id from public.expert_profiles p join public.users u on u.id = p.user_id where u.email = $1',
    [email],
  );
  if (!rows[0]) throw new Error(`no expert profile for ${email}`);
  return rows[0].id;
}

export const machine = () => ({
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  memGB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim(),
  dirty: spawnSync('git', ['status', '--porcelain', '--', 'lib', 'app', 'server'], { encoding: 'utf8' }).stdout.trim() !== '',
});
export const uptime = () => spawnSync('uptime', { encoding: 'utf8' }).stdout.trim();

/**
 * `count` socket.io clients on `url`'s `/public` namespace watch one expert; `trigger()` makes the app broadcast
 * `slots.changed` to that expert's room once. Latency of each delivery is measured from the moment the trigger
 * started (it includes the write that causes the broadcast; `triggerMs` says how long that write took to answer).
 */
export async function fanOut({ url, count, expertId, trigger, timeoutMs = 15_000 }) {
  const sockets = [];
  const received = new Array(count).fill(0);
  let t0 = 0;
  const connectStarted = performance.now();
  try {
    for (let batch = 0; batch < count; batch += 100) {
      const opened = [];
      for (let i = batch; i < Math.min(count, batch + 100); i++) {
        const s = connect(`${url}/public`, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 20_000 });
        sockets.push(s);
        s.on('slots.changed', (e) => {
          if (e?.expertId === expertId && t0 && !received[i]) received[i] = performance.now();
        });
        opened.push(
          new Promise((resolve, reject) => {
            s.once('connect', resolve);
            s.once('connect_error', reject);
          })
            .then(() => s.timeout(20_000).emitWithAck('watch-expert', expertId))
            .then((ack) => {
              if (!ack?.ok) throw new Error(`watch-expert refused: ${JSON.stringify(ack)}`);
            }),
        );
      }
      await Promise.all(opened);
    }
    const connectMs = Math.round(performance.now() - connectStarted);
    t0 = performance.now();
    const res = await trigger();
    const triggerMs = +(performance.now() - t0).toFixed(1);
    if (res && !res.ok) throw new Error(`broadcast trigger answered ${res.status}`);
    const end = Date.now() + timeoutMs;
    while (received.some((r) => !r) && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    const lat = received
      .filter(Boolean)
      .map((r) => r - t0)
      .sort((a, b) => a - b);
    const f = (v) => (v === undefined ? null : +v.toFixed(1));
    return {
      clients: count,
      received: lat.length,
      connectMs,
      triggerMs,
      p50: f(pct(lat, 50)),
      p95: f(pct(lat, 95)),
      p99: f(pct(lat, 99)),
      max: f(lat[lat.length - 1]),
    };
  } finally {
    for (const s of sockets) s.disconnect();
  }
}

/**
 * Leaves nothing behind when the bench dies half-way (an exception in a callback, or the server exiting early,
 * which makes bench-server.mjs exit): on process exit, synchronously, the given child process groups are
 * stopped, our redis-server shut down and the bench database dropped.
 */
export function cleanUpOnExit({ redis, db, groups }) {
  let done = false;
  const cleanUp = () => {
    if (done) return;
    done = true;
    for (const pid of groups()) {
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {}
    }
    redis.stop();
    dropDatabaseSync(db.name);
  };
  process.on('exit', cleanUp);
  process.on('uncaughtException', (e) => {
    console.error(e);
    process.exit(1);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
}

/** Stops what a bench started, in order: the app, the sidecar's process group, the database, its own Redis. */
export async function tearDown({ server, sidecar, db, redis }) {
  await server?.stop().catch(() => undefined);
  if (sidecar) {
    try {
      process.kill(-sidecar.pid, 'SIGTERM');
    } catch {}
  }
  await db.drop().catch((e) => console.error('could not drop the bench database:', e.message));
  redis.stop();
}
