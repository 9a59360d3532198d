// node bench/profile-pages.mjs — where a signed-in page's render spends the server's CPU (issue #15).
// Starts the production server (server/main.mjs, PGlite, demo data) under `node --cpu-prof`, signs in as
// PROFILE_AS (learner), loads each of PROFILE_PATHS (comma-separated; `:plan16` is a 16-module plan made here,
// `:plan` the demo plan) with BENCH_CLIENTS (10) clients for PROFILE_SECONDS (8) each, stops the server and
// summarises the profile's samples taken during the load: self time by area (React's renderer, Next, PGlite,
// zod, the app's own code, GC…) and the heaviest functions. Prints Markdown; PROFILE_OUT writes it to a file.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { ensureBuild, signIn } from './load-support.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 3394);
const AS = process.env.PROFILE_AS ?? 'learner';
const PATHS = (process.env.PROFILE_PATHS ?? '/learn/:plan16').split(',');
const SECONDS = Number(process.env.PROFILE_SECONDS ?? 8);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 10);
const DIR = '.data/bench-profile';
const PROF_DIR = '.data/bench-profile-cpu';
const base = `http://localhost:${PORT}`;

ensureBuild();
rmSync(DIR, { recursive: true, force: true });
rmSync(PROF_DIR, { recursive: true, force: true });
const child = spawn('node', ['--cpu-prof', `--cpu-prof-dir=${PROF_DIR}`, 'server/main.mjs'], {
  env: {
    ...process.env,
    TZ: 'UTC',
    NODE_ENV: 'production',
    PORT: String(PORT),
    DATABASE_URL: '',
    REDIS_URL: '',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'true',
    DATA_DIR: DIR,
    AUTH_MAX_ATTEMPTS_PER_IP: '1000',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const exited = new Promise((r) => child.on('exit', r));
for (let i = 0; ; i++) {
  if (i > 1200) throw new Error('server did not start');
  const ok = await fetch(base + '/api/health').then(
    (r) => r.ok,
    () => false,
  );
  if (ok) break;
  await new Promise((r) => setTimeout(r, 100));
}
const cookie = await signIn(base, `${AS}@pathwise.dev`);
const ids = {};
if (PATHS.some((p) => p.includes(':plan'))) {
  const learner = AS === 'learner' ? cookie : await signIn(base, 'learner@pathwise.dev');
  const res = await fetch(base + '/api/curricula', {
    method: 'POST',
    headers: { cookie: learner, origin: base, 'content-type': 'application/json' },
    body: JSON.stringify({
      goal: 'SQL for data analysis',
      level: 'beginner',
      hoursPerWeek: 10,
      weeks: 16,
      materials: ['reading', 'practice'],
    }),
  });
  ids.plan16 = (await res.json()).id;
  for (let i = 0; i < 600; i++) {
    const c = await (await fetch(`${base}/api/curricula/${ids.plan16}`, { headers: { cookie: learner } })).json();
    if (c.plan) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const html = await (await fetch(base + '/learn', { headers: { cookie: learner } })).text();
  ids.plan = [...html.matchAll(/href="\/learn\/([0-9a-f-]{36})"/g)].map((m) => m[1]).find((id) => id !== ids.plan16);
}
const run = (path, duration) =>
  new Promise((resolve, reject) =>
    autocannon({ url: base + path, connections: CLIENTS, duration, headers: { cookie } }, (err, r) => (err ? reject(err) : resolve(r))),
  );
const windows = [];
for (const p of PATHS) {
  const path = p.replace(/:(\w+)/g, (_, k) => ids[k]);
  await run(path, 2); // warm-up, not in the window
  const from = performance.now();
  const r = await run(path, SECONDS);
  windows.push({ path: p, from, to: performance.now(), rps: Math.round(r.requests.total / SECONDS), p99: r.latency.p99 });
}
const stoppedAt = performance.now();
child.kill('SIGTERM');
await exited;

// The profile's clock is the server's; both processes' monotonic clocks agree on this machine only in
// differences, so the windows are placed back from the profile's end (the server stops right after the load).
const file = readdirSync(PROF_DIR).find((f) => f.endsWith('.cpuprofile'));
const prof = JSON.parse(readFileSync(`${PROF_DIR}/${file}`, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const endUs = prof.endTime;
const out = [`Profile of ${PATHS.join(', ')} as ${AS}: ${CLIENTS} clients, ${SECONDS} s each (\`node bench/profile-pages.mjs\`).`, ''];
for (const w of windows) {
  const lo = endUs - (stoppedAt - w.from) * 1000;
  const hi = endUs - (stoppedAt - w.to) * 1000;
  const self = new Map();
  const areas = new Map();
  let t = prof.startTime;
  let total = 0;
  for (let i = 0; i < prof.samples.length; i++) {
    t += prof.timeDeltas[i];
    if (t < lo || t > hi) continue;
    const n = byId.get(prof.samples[i]);
    const cf = n.callFrame;
    const dt = prof.timeDeltas[i + 1] ?? 0;
    total += dt;
    const fn = `${cf.functionName || '(anonymous)'} ${short(cf.url)}:${cf.lineNumber + 1}`;
    self.set(fn, (self.get(fn) ?? 0) + dt);
    const a = area(cf);
    areas.set(a, (areas.get(a) ?? 0) + dt);
  }
  const busy = total - (areas.get('(idle)') ?? 0);
  out.push(`### \`${w.path}\`: ${w.rps} req/s, p99 ${w.p99} ms under the profiler`, '');
  out.push(
    `CPU busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms sampled; ${(busy / 1000 / (w.rps * SECONDS) || 0).toFixed(2)} ms of main-thread CPU per request.`,
    '',
  );
  out.push('| area | share of busy time |', '| --- | ---: |');
  for (const [a, us] of [...areas].filter(([a]) => a !== '(idle)').sort((x, y) => y[1] - x[1]))
    out.push(`| ${a} | ${((100 * us) / busy).toFixed(1)} % |`);
  out.push('', '| heaviest functions (self time) | share |', '| --- | ---: |');
  for (const [f, us] of [...self]
    .filter(([f]) => !f.startsWith('(idle)'))
    .sort((x, y) => y[1] - x[1])
    .slice(0, 15))
    out.push(`| \`${f.replace(/\|/g, '\\|')}\` | ${((100 * us) / busy).toFixed(1)} % |`);
  out.push('');
}
const text = out.join('\n');
console.log(text);
if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, text + '\n');
rmSync(DIR, { recursive: true, force: true });

function short(url) {
  return url
    .replace(/^file:\/\//, '')
    .replace(process.cwd() + '/', '')
    .replace(/^.*node_modules\//, '');
}

function area(cf) {
  const u = cf.url;
  if (cf.functionName === '(idle)' || (cf.functionName === '(program)' && !u))
    return cf.functionName === '(idle)' ? '(idle)' : '(program: V8 internals)';
  if (cf.functionName === '(garbage collector)') return 'garbage collection';
  if (!u) return 'native / builtins';
  if (u.startsWith('node:')) return 'Node built-ins (' + u.slice(5).split('/')[0] + ')';
  if (/pglite/.test(u)) return 'PGlite (Postgres in WASM)';
  if (/react-dom|react-server-dom|react\.production|react-jsx|compiled\/react/.test(u)) return 'React (render, Flight)';
  if (/next\/dist/.test(u)) return 'Next.js (router, pipeline)';
  if (/zod/.test(u)) return 'zod';
  if (/\.next\/server\/chunks|\.next\/server\/app/.test(u))
    return "app bundle (our code, and what webpack bundled: React's server build, zod)";
  if (/node_modules\/([^/]+)/.test(u)) return u.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)[1];
  return short(u);
}
