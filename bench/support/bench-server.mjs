// Helpers the HTTP benches share (bench/marketplace.mjs, bench/slots.ts, bench/calendar-slots.ts, bench/load.mjs,
// bench/faults.mjs): run one SQL statement on a fresh connection, start what `npm start` runs (server/main.mjs) on
// Postgres, wait for it, load it with autocannon while counting where the CPU went, and write the results' table.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';

export async function sql(url, text, params) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text, params);
  } finally {
    await c.end();
  }
}

export const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * A bench server on `port` against `databaseUrl` (options: dataDir, connections for the load, seconds per
 * measured run, seconds of warm-up before it (3), cwd of the server (another checkout), env added to every start).
 */
export function createBenchServer({ port, databaseUrl, dataDir, connections = 50, seconds = 10, warmup = 3, cwd, env: baseEnv = {} }) {
  const base = `http://localhost:${port}`;
  let serverPid = 0;

  // CPU seconds used by Postgres (all its processes), the app server and this process (autocannon) — where the
  // 2 cores went during a run.
  function cpuSeconds() {
    // utime + stime; with `children`, also cutime + cstime: a Postgres backend that exits (a pool closing an idle
    // connection) hands its CPU time to the postmaster that reaps it, so summing only the live processes' own
    // time went down (negative per-request figures) whenever a backend ended during a run.
    const ticks = (stat, children = false) => {
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(f[11]) + Number(f[12]) + (children ? Number(f[13]) + Number(f[14]) : 0);
    };
    const out = { postgres: 0, app: 0, autocannon: 0 };
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (comm === 'postgres') out.postgres += ticks(stat, true);
        else if (Number(pid) === serverPid) out.app += ticks(stat);
        else if (Number(pid) === process.pid) out.autocannon += ticks(stat);
      } catch {}
    }
    return out;
  }

  function start(extraEnv = {}) {
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      REDIS_URL: '',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'true',
      DATA_DIR: dataDir,
      ...baseEnv,
      ...extraEnv,
    };
    // What `npm start` runs: Next and Socket.IO on one server, with the directory's fast lane in front of Next.
    const child = spawn('node', ['server/main.mjs'], {
      cwd, // another checkout's build (bench/pages.mjs's BENCH_BASE_DIR), else this one
      env: { ...env, TZ: 'UTC' },
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true,
    });
    serverPid = child.pid;
    let stopping = false;
    child.on('exit', (code) => {
      if (!stopping) {
        console.error(`server exited early (${code})`);
        process.exit(1);
      }
    });
    return {
      pid: child.pid,
      async stop() {
        stopping = true;
        await new Promise((r) => {
          child.on('exit', r);
          process.kill(-child.pid, 'SIGTERM');
        });
        await portFree();
      },
    };
  }

  // The next server must not start while the last one still holds the port (it would fail, and the old one answer).
  async function portFree() {
    for (let i = 0; i < 300; i++) {
      try {
        await fetch(base + '/api/health');
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`port ${port} still answers`);
  }

  async function waitFor(path) {
    for (let i = 0; i < 1500; i++) {
      try {
        const res = await fetch(base + path);
        if (res.ok) return res;
      } catch {}
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not answer ${path}`);
  }

  function run(pathFor, duration, headers = {}) {
    return new Promise((resolve, reject) => {
      const latencies = [];
      let i = 0;
      const instance = autocannon(
        {
          url: base,
          connections,
          duration,
          headers,
          requests: [{ setupRequest: (req) => ({ ...req, path: pathFor(i++) }) }],
        },
        (err, res) => {
          if (err) return reject(err);
          latencies.sort((a, b) => a - b);
          const at = (p) => (latencies.length ? +pct(latencies, p).toFixed(1) : null);
          resolve({
            requests: res.requests.total,
            rps: Math.round(res.requests.total / duration),
            non2xx: res.non2xx,
            errors: res.errors,
            // No answer at all within the run (an overloaded machine) is a result too, not a crash.
            p50: at(50),
            p95: at(95),
            p99: at(99),
          });
        },
      );
      instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
    });
  }

  async function load(name, pathFor, headers = {}) {
    // Warm up (JIT, pools, and — when cached — the cache itself) before measuring.
    await run(pathFor, warmup, headers);
    const loadBefore = os.loadavg()[0];
    const cpuBefore = cpuSeconds();
    const r = await run(pathFor, seconds, headers);
    const cpuAfter = cpuSeconds();
    const hz = 100; // USER_HZ
    r.cpuMsPerRequest = Object.fromEntries(
      Object.keys(cpuAfter).map((k) => [k, +((((cpuAfter[k] - cpuBefore[k]) / hz) * 1000) / r.requests).toFixed(2)]),
    );
    r.loadavg1m = { before: +loadBefore.toFixed(2), after: +os.loadavg()[0].toFixed(2) };
    console.log(
      `${name}: ${r.rps} req/s, p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}, CPU ms/request ${JSON.stringify(r.cpuMsPerRequest)}`,
    );
    return { name, ...r };
  }

  return { base, start, portFree, waitFor, load };
}

/** The markdown table of load() results (header, alignment row, one row a result) that the HTTP benches write. */
export function loadTable(results) {
  return [
    '| run | req/s | p50 ms | p95 ms | p99 ms | non-2xx + errors | CPU ms/req pg / app / ac | load avg (1 min) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.non2xx + r.errors} | ${r.cpuMsPerRequest.postgres} / ${r.cpuMsPerRequest.app} / ${r.cpuMsPerRequest.autocannon} | ${r.loadavg1m.before} → ${r.loadavg1m.after} |`,
    ),
  ];
}

/** Cores, CPU model, memory and Node version, as the HTTP benches put them in their results. */
export function benchMachine() {
  return { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGB: Math.round(os.totalmem() / 1e9), node: process.version };
}
