// npm run bench:pages — every page of the app (app/**/page.tsx, dynamic segments filled with seeded ids), signed
// out and signed in as the demo learner, expert and admin, on the production build (`npm start`'s
// server/main.mjs) on the embedded default (PGlite, no Redis, demo data seeded), plus a static file and
// /api/health as the two yardsticks of the same run (issue #15).
//
//   BENCH_SECONDS (8)   measured seconds per row, after BENCH_WARMUP (3) seconds of warm-up
//   BENCH_CLIENTS (10)  concurrent clients (autocannon connections)
//   BENCH_LABEL         'before' | 'after' | anything: writes bench/results/pages-<label>.json (default 'latest')
//   BENCH_ONLY          a substring: only rows whose path contains it (quick checks; not written)
//   BENCH_PATHS         comma-separated paths as in ROUTES and BENCH_PERSONAS (comma-separated visitors): only those
//                       rows, and the run IS written (an A/B of a few signed-in pages fits in minutes; with
//                       BENCH_BASE_DIR it goes to bench/results/pages-ab-<BENCH_LABEL or 'subset'>.json and gets its
//                       own section in bench/PAGES.md, leaving the full A/B run's file alone)
//   BENCH_PORT (3393)   the server's port
//   BENCH_BASE_DIR      another checkout with its own production build (e.g. a worktree of main): its server runs
//                       beside this one (port + 10) and every row is measured on both, one right after the other,
//                       so the comparison is made under the same machine load (bench/results/pages-ab.json)
//   BENCH_BASE_ENV      K=V,K2=V2 given to the base side's server only; BENCH_BASE_DIR=. then compares a runtime switch
//                       on this one build (e.g. BENCH_BASE_ENV=DATABASE_PREPARED_STATEMENTS=off)
//   BENCH_DB=postgres   the machine's PostgreSQL (BENCH_PG, default postgres://postgres@127.0.0.1:5432) instead of
//                       PGlite: a fresh database per server, dropped at the end; the database's work then runs in its
//                       own processes, not in the app's main thread (written as pages-<BENCH_LABEL or 'postgres'>.json)
//   BENCH_RENDER_ONLY=1 rewrites bench/PAGES.md from the committed results
//
// A row is measured only where the page answers 200 to that visitor; the others are listed with their status
// (a redirect to sign in, a 403) so the table still names every route. Reuses .next if it holds a build
// (BENCH_REBUILD=1 rebuilds). If bench/first-load-js.mjs exists (the JavaScript-size bench), its table is
// printed after this one.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createBenchServer } from './support/bench-server.mjs';
import { createFreshDatabase, dropDatabaseSync, ensureBuild, machine, signIn, uptime } from './load-support.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 3393);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 10);
const ON_POSTGRES = process.env.BENCH_DB === 'postgres';
const LABEL = process.env.BENCH_LABEL ?? (ON_POSTGRES ? 'postgres' : 'latest');
const ONLY = process.env.BENCH_ONLY ?? '';
const PATHS = process.env.BENCH_PATHS ? process.env.BENCH_PATHS.split(',').map((p) => p.trim()) : null;
const DATA_DIR = '.data/bench-pages';
const PERSONAS = process.env.BENCH_PERSONAS
  ? process.env.BENCH_PERSONAS.split(',').map((p) => p.trim())
  : ['signed out', 'learner', 'expert', 'admin'];
const EMAIL = { learner: 'learner@pathwise.dev', expert: 'expert@pathwise.dev', admin: 'admin@pathwise.dev' };

// Every page under app/ (kept in step with the files by the check below). `:plan` is the demo learner's seeded
// plan, `:plan16` a 16-module plan this bench creates (not part of the demo seed).
const ROUTES = [
  ['/', 'app/(marketing)/page.tsx'],
  ['/privacy', 'app/(marketing)/privacy/page.tsx'],
  ['/sign-in', 'app/(auth)/sign-in/page.tsx'],
  ['/sign-up', 'app/(auth)/sign-up/page.tsx'],
  ['/forgot-password', 'app/(auth)/forgot-password/page.tsx'],
  ['/reset-password', 'app/(auth)/reset-password/page.tsx'],
  ['/experts', 'app/experts/page.tsx'],
  ['/experts/:slug', 'app/experts/[slug]/page.tsx'],
  ['/learn', 'app/(app)/learn/page.tsx'],
  ['/learn/new', 'app/(app)/learn/new/page.tsx'],
  ['/learn/progress', 'app/(app)/learn/progress/page.tsx'],
  ['/learn/:plan', 'app/(app)/learn/[id]/page.tsx'],
  ['/learn/:plan16', 'app/(app)/learn/[id]/page.tsx'],
  ['/sessions', 'app/(app)/sessions/page.tsx'],
  ['/sessions/:booking/review', 'app/(app)/sessions/[id]/review/page.tsx'],
  ['/sessions/:booking/room', 'app/(app)/sessions/[id]/room/page.tsx'], // the seeded booking's room has closed: its 403
  ['/notifications', 'app/(app)/notifications/page.tsx'],
  // The test-mode payment pages need an open payment, which the demo seed has none of: listed, not measured.
  ['/pay/:payment', 'app/(app)/pay/[paymentId]/page.tsx'],
  ['/packages/checkout/:payment', 'app/(app)/packages/checkout/[id]/page.tsx'],
  ['/settings', 'app/(app)/settings/page.tsx'],
  ['/dashboard', 'app/(app)/dashboard/page.tsx'],
  ['/dashboard/preview', 'app/(app)/dashboard/preview/page.tsx'],
  ['/dashboard/profile', 'app/(app)/dashboard/profile/page.tsx'],
  ['/availability', 'app/(app)/availability/page.tsx'],
  ['/earnings', 'app/(app)/earnings/page.tsx'],
  ['/admin', 'app/(app)/admin/page.tsx'],
  ['/admin/applications/:application', 'app/(app)/admin/applications/[id]/page.tsx'],
  ['/admin/payments', 'app/(app)/admin/payments/page.tsx'],
  ['/admin/payments/all', 'app/(app)/admin/payments/all/page.tsx'],
  ['/admin/policy', 'app/(app)/admin/policy/page.tsx'],
  ['/admin/rates', 'app/(app)/admin/rates/page.tsx'],
  ['/admin/reviews', 'app/(app)/admin/reviews/page.tsx'],
  ['/admin/sanctions', 'app/(app)/admin/sanctions/page.tsx'],
];

if (process.env.BENCH_RENDER_ONLY) {
  writeFileSync('bench/PAGES.md', renderDoc());
  process.exit(0);
}

checkRoutesCoverPages();
ensureBuild();
const BASE_DIR = process.env.BENCH_BASE_DIR;
const databases = [];
process.on('exit', () => databases.forEach((db) => dropDatabaseSync(db.name)));
// BENCH_BASE_ENV (K=V,K2=V2): the base side's server gets these variables too; with BENCH_BASE_DIR=. it is this
// very build, so a runtime switch (DATABASE_PREPARED_STATEMENTS=off) is compared with its default.
const BASE_ENV = Object.fromEntries(
  (process.env.BENCH_BASE_ENV ?? '')
    .split(',')
    .filter((kv) => kv.indexOf('=') > 0)
    .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
);
const side = async (name, port, cwd, extraEnv = {}) => {
  const dataDir = `${cwd ?? '.'}/${DATA_DIR}-${port}`;
  rmSync(dataDir, { recursive: true, force: true });
  const db = ON_POSTGRES ? await createFreshDatabase(`pw_bench_pages_${port}`) : null;
  if (db) databases.push(db);
  const bench = createBenchServer({
    port,
    databaseUrl: db?.url ?? '',
    dataDir,
    cwd,
    connections: CLIENTS,
    seconds: SECONDS,
    warmup: WARMUP,
    env: { REDIS_URL: '', AUTH_MAX_ATTEMPTS_PER_IP: '1000', ...extraEnv },
  });
  return { name, bench, dataDir, server: undefined, cookies: { 'signed out': '' }, ids: {} };
};
if (BASE_DIR && !existsSync(`${BASE_DIR}/.next/BUILD_ID`)) throw new Error(`${BASE_DIR} has no production build`);
const sides = [
  await side('this checkout', PORT),
  ...(BASE_DIR
    ? [
        await side(
          `base (${BASE_DIR}${process.env.BENCH_BASE_ENV ? ` with ${process.env.BENCH_BASE_ENV}` : ''})`,
          PORT + 10,
          BASE_DIR,
          BASE_ENV,
        ),
      ]
    : []),
];
const base = sides[0].bench.base;
const stop = () => {
  for (const s of sides) {
    try {
      if (s.server) process.kill(-s.server.pid, 'SIGTERM');
    } catch {}
  }
};
process.on('exit', stop);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

try {
  for (const s of sides) {
    await s.bench.portFree();
    s.server = s.bench.start();
  }
  for (const s of sides) {
    await s.bench.waitFor('/api/health');
    for (const role of ['learner', 'expert', 'admin']) s.cookies[role] = await signIn(s.bench.base, EMAIL[role]);
    s.ids = await seedAndFindIds(s.bench.base, s.cookies);
    console.log(`${s.name} ids:`, s.ids);
  }

  const rows = [];
  const measureOn = async (s, path, persona, real, i) => {
    const headers = s.cookies[persona] ? { cookie: s.cookies[persona] } : {};
    const r = await s.bench.load(`${path} ${persona}${sides.length > 1 ? ` [${s.name}]` : ''}`, () => real(s), headers);
    return {
      rps: r.rps,
      p50: r.p50,
      p99: r.p99,
      non2xx: r.non2xx,
      errors: r.errors,
      cpuMsPerRequest: r.cpuMsPerRequest,
      loadavg1m: r.loadavg1m,
      order: i,
    };
  };
  let n = 0;
  const measure = async (path, persona, real) => {
    // Alternate which server goes first, so a trend in the machine's load does not favour one of them.
    const order = n++ % 2 === 0 ? sides : [...sides].reverse();
    const results = new Map();
    for (const [i, s] of order.entries()) results.set(s, await measureOn(s, path, persona, real, i));
    const row = { path, persona, status: 200, ...results.get(sides[0]) };
    if (sides[1]) row.base = results.get(sides[1]);
    return row;
  };
  rows.push(await measure('/icon.svg (static file)', 'signed out', () => '/icon.svg'));
  rows.push(await measure('/api/health', 'signed out', () => '/api/health'));
  for (const [path] of ROUTES) {
    if (ONLY && !path.includes(ONLY)) continue;
    if (PATHS && !PATHS.includes(path)) continue;
    const real = (s) => path.replace(/:(\w+)/g, (_, k) => s.ids[k]);
    if (/:(\w+)/.test(path) && [...path.matchAll(/:(\w+)/g)].some(([, k]) => !sides[0].ids[k])) {
      rows.push({ path, persona: 'learner', status: 'n/a', location: undefined, note: 'needs an open payment (none seeded)' });
      console.log(`${path}: not measured (no seeded id)`);
      continue;
    }
    for (const persona of PERSONAS) {
      const s0 = sides[0];
      const probe = await fetch(base + real(s0), {
        headers: s0.cookies[persona] ? { cookie: s0.cookies[persona] } : {},
        redirect: 'manual',
      });
      await probe.arrayBuffer();
      if (probe.status !== 200) {
        const to = probe.headers.get('location');
        rows.push({ path, persona, status: probe.status, location: to ? new URL(to, base).pathname : undefined });
        console.log(`${path} ${persona}: ${probe.status}${to ? ` → ${to}` : ''} (not measured)`);
        continue;
      }
      rows.push(await measure(path, persona, real));
    }
  }
  const out = {
    date: new Date().toISOString(),
    label: BASE_DIR ? (PATHS ? `ab-${process.env.BENCH_LABEL ?? 'subset'}` : 'ab') : LABEL,
    baseDir: BASE_DIR,
    baseEnv: process.env.BENCH_BASE_ENV || undefined,
    machine: machine(),
    uptime: uptime(),
    loadavg: os.loadavg().map((l) => +l.toFixed(2)),
    setup: {
      clients: CLIENTS,
      seconds: SECONDS,
      warmup: WARMUP,
      database: ON_POSTGRES ? 'PostgreSQL 127.0.0.1:5432 (fresh database)' : 'PGlite (embedded default)',
      redis: 'none (in-process cache)',
    },
    rows,
  };
  console.log('\n' + table(out));
  console.log(`load average at the end: ${out.loadavg.join(' / ')} (${out.machine.cpus} CPUs)`);
  if (!ONLY) {
    mkdirSync('bench/results', { recursive: true });
    writeFileSync(`bench/results/pages-${out.label}.json`, JSON.stringify(out, null, 2) + '\n');
    writeFileSync('bench/PAGES.md', renderDoc());
  }
  // The other half of issue #15's table: First Load JS per route, measured on this same server.
  if (!ONLY && !PATHS) await printFirstLoadJs(base, sides[0].cookies);
} finally {
  for (const s of sides) {
    await s.server?.stop().catch(() => undefined);
    s.server = undefined;
    rmSync(s.dataDir, { recursive: true, force: true });
  }
  for (const db of databases.splice(0)) await db.drop().catch((e) => console.error('could not drop', db.name, e.message));
}

/** Each page file under app/ must have a row (a new page without one fails the bench, not silently skips). */
function checkRoutesCoverPages() {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSafe(dir)) {
      const p = `${dir}/${name}`;
      if (name === 'page.tsx') files.push(p);
      else if (!name.includes('.')) walk(p);
    }
  };
  walk('app');
  const covered = new Set(ROUTES.map(([, f]) => f));
  const missing = files.filter((f) => !covered.has(f));
  if (missing.length) throw new Error(`bench/pages.mjs has no row for: ${missing.join(', ')}`);
}
function readdirSafe(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The 16-module plan (offline planner: 10 h/week × 16 weeks) and the ids the dynamic routes need, read from pages. */
async function seedAndFindIds(base, cookies) {
  const learner = { cookie: cookies.learner, origin: base };
  const created = await fetch(base + '/api/curricula', {
    method: 'POST',
    headers: { ...learner, 'content-type': 'application/json' },
    body: JSON.stringify({
      goal: 'SQL for data analysis',
      level: 'beginner',
      hoursPerWeek: 10,
      weeks: 16,
      materials: ['reading', 'practice'],
    }),
  });
  if (created.status !== 201) throw new Error(`creating the 16-module plan answered ${created.status}: ${await created.text()}`);
  const { id: plan16 } = await created.json();
  // Modules arrive one by one while the plan generates: wait for it to be ready (on a loaded machine a read in
  // the middle saw 15 of 16), up to 120 s.
  let modules = 0;
  let status = '';
  for (let i = 0; i < 1200 && status !== 'ready'; i++) {
    const c = await (await fetch(`${base}/api/curricula/${plan16}`, { headers: learner })).json();
    status = c.curriculum?.status ?? c.status ?? '';
    if (status === 'failed') throw new Error('the 16-module plan failed to generate');
    modules = c.curriculum?.plan?.modules?.length ?? c.plan?.modules?.length ?? 0;
    if (status !== 'ready') await new Promise((r) => setTimeout(r, 100));
  }
  // The offline planner's module count depends on today's date (the weeks it plans around): 16, or 15 on some
  // days. The row keeps its name; the count is printed.
  if (modules < 15) throw new Error(`the bench plan has ${modules} modules, not 15–16`);
  console.log(`the :plan16 row's plan has ${modules} modules`);
  const idIn = async (cookie, page, re) => {
    const html = await (await fetch(base + page, { headers: { cookie } })).text();
    const m = [...html.matchAll(re)].map((x) => x[1]);
    if (!m.length) throw new Error(`no link matching ${re} on ${page}`);
    return m;
  };
  const plans = await idIn(cookies.learner, '/learn', /href="\/learn\/([0-9a-f-]{36})"/g);
  return {
    slug: 'emily-carter',
    plan16,
    plan: plans.find((p) => p !== plan16),
    booking: await bookingOf(base, cookies.learner),
    application: (await idIn(cookies.admin, '/admin', /href="\/admin\/applications\/([0-9a-f-]{36})"/g))[0],
  };
}

/** One of the learner's sessions (past first: its review page has the most to show). */
async function bookingOf(base, cookie) {
  for (const scope of ['past', 'upcoming']) {
    const body = await (await fetch(`${base}/api/bookings?scope=${scope}`, { headers: { cookie } })).json();
    const list = body.bookings ?? body.items ?? (Array.isArray(body) ? body : []);
    if (list[0]?.id) return list[0].id;
  }
  throw new Error('the demo learner has no session');
}

function fmt(n) {
  return n == null ? '—' : n.toLocaleString('en-US');
}

/** The issue's table: one row per path and visitor; the share of the static file's and /api/health's req/s. */
export function table(run) {
  const stat = run.rows.find((r) => r.path.startsWith('/icon.svg'))?.rps;
  const health = run.rows.find((r) => r.path === '/api/health')?.rps;
  const lines = [
    '| path | visitor | req/s | p50 / p99 ms | % of static | % of health | server CPU ms/req |',
    '| --- | --- | ---: | --- | ---: | ---: | ---: |',
  ];
  for (const r of run.rows) {
    if (r.status !== 200) {
      lines.push(
        `| \`${r.path}\` | ${r.persona} | ${r.status}${r.location ? ` → \`${r.location}\`` : ''}${r.note ? ` (${r.note})` : ''} | | | | |`,
      );
      continue;
    }
    const pct = (d) => (d ? `${Math.round((100 * r.rps) / d)} %` : '—');
    const bad = r.non2xx || r.errors ? ` (${r.non2xx} non-2xx, ${r.errors} errors)` : '';
    const cpu = r.cpuMsPerRequest?.app ?? '—';
    lines.push(`| \`${r.path}\` | ${r.persona} | ${fmt(r.rps)}${bad} | ${r.p50} / ${r.p99} | ${pct(stat)} | ${pct(health)} | ${cpu} |`);
  }
  return lines.join('\n');
}

function renderRun(name) {
  const file = `bench/results/pages-${name}.json`;
  if (!existsSync(file)) return `_No ${name} run recorded (bench/results/pages-${name}.json)._\n`;
  const run = JSON.parse(readFileSync(file, 'utf8'));
  return [
    `${run.date}, commit ${run.machine.commit}${run.machine.dirty ? ' (uncommitted changes)' : ''}, ${run.machine.cpus} × ${run.machine.cpuModel}, Node ${run.machine.node};`,
    `${run.setup.clients} clients, ${run.setup.seconds} s per row after ${run.setup.warmup} s warm-up, ${run.setup.database}, ${run.setup.redis}.`,
    `Load average at the end: ${run.loadavg.join(' / ')} (\`${run.uptime}\`).`,
    '',
    table(run),
    '',
  ].join('\n');
}

/**
 * Before and after side by side: req/s, p99 and the server's CPU per request. From the A/B run when there is one
 * (both builds measured row by row in the same minutes), else from the separate before and after runs.
 */
function comparison(abName = 'ab') {
  const read = (n) =>
    existsSync(`bench/results/pages-${n}.json`) ? JSON.parse(readFileSync(`bench/results/pages-${n}.json`, 'utf8')) : null;
  const ab = read(abName);
  const before = read('before');
  const after = ab ?? read('after');
  if (!after || (!ab && !before)) return '';
  const key = (r) => `${r.path} ${r.persona}`;
  const old = new Map((before?.rows ?? []).map((r) => [key(r), r]));
  const baseOf = (r) => (ab ? (r.status === 200 ? { status: 200, ...r.base } : r) : old.get(key(r)));
  // On PostgreSQL the database's own processes are a second CPU column (bench/support/bench-server.mjs).
  const pgCpu = Boolean(ab?.setup.database?.startsWith('PostgreSQL'));
  const lines = [
    ab
      ? `## Before → after, same run (A/B${abName === 'ab' ? '' : `: ${abName}, commit ${ab.machine.commit}, selected rows`})`
      : '## Before → after (separate runs)',
    '',
    ab
      ? `${ab.date}: the base build (\`${ab.baseDir}\`${ab.baseEnv ? ` run with \`${ab.baseEnv}\`` : ''}) and this one served side by side on ${ab.setup.database}; each row measured on both, one right after the other (the first alternates). ${ab.setup.clients} clients, ${ab.setup.seconds} s per row after ${ab.setup.warmup} s warm-up. Load average at the end: ${ab.loadavg.join(' / ')} (${ab.machine.cpus} CPUs). % columns: share of the static file's and /api/health's req/s of the same build in the same run.`
      : `Load average at the end: before ${before.loadavg[0]}, after ${after.loadavg[0]} (${after.machine.cpus} CPUs). Req/s and latency move with the other work on the machine.`,
    '',
    `| path | visitor | req/s before → after | % of static | % of health | p99 ms | server CPU ms/req |${pgCpu ? ' Postgres CPU ms/req |' : ''}`,
    `| --- | --- | --- | --- | --- | --- | --- |${pgCpu ? ' --- |' : ''}`,
  ];
  const yard = (rows, which, name) => {
    const r = rows.find((x) => (name === 'static' ? x.path.startsWith('/icon.svg') : x.path === '/api/health'));
    return r && (which === 'before' ? baseOf(r)?.rps : r.rps);
  };
  const pctOf = (x, d) => (x && d ? `${Math.round((100 * x) / d)} %` : '—');
  for (const r of after.rows) {
    const b = baseOf(r);
    if (r.status !== 200 && (!b || b.status !== 200)) continue;
    const v = (x, f) => (x && x.status === 200 ? f(x) : x ? String(x.status) : '—');
    const bs = ab ? yard(after.rows, 'before', 'static') : yard(before.rows, 'after', 'static');
    const bh = ab ? yard(after.rows, 'before', 'health') : yard(before.rows, 'after', 'health');
    const as = yard(after.rows, 'after', 'static');
    const ah = yard(after.rows, 'after', 'health');
    const br = b?.status === 200 ? b.rps : null;
    const ar = r.status === 200 ? r.rps : null;
    lines.push(
      `| \`${r.path}\` | ${r.persona} | ${v(b, (x) => fmt(x.rps))} → ${v(r, (x) => fmt(x.rps))} | ${pctOf(br, bs)} → ${pctOf(ar, as)} | ${pctOf(br, bh)} → ${pctOf(ar, ah)} | ${v(b, (x) => x.p99)} → ${v(r, (x) => x.p99)} | ${v(b, (x) => x.cpuMsPerRequest.app)} → ${v(r, (x) => x.cpuMsPerRequest.app)} |${pgCpu ? ` ${v(b, (x) => x.cpuMsPerRequest.postgres)} → ${v(r, (x) => x.cpuMsPerRequest.postgres)} |` : ''}`,
    );
  }
  return lines.join('\n') + '\n';
}

function renderDoc() {
  const notes = existsSync('bench/PAGES.notes.md') ? readFileSync('bench/PAGES.notes.md', 'utf8') : '';
  return [
    '# Pages: throughput and latency per route (`npm run bench:pages`)',
    '',
    'Generated by `bench/pages.mjs` from `bench/results/pages-*.json` (`BENCH_RENDER_ONLY=1 npm run bench:pages` rewrites it);',
    'the notes below the tables are `bench/PAGES.notes.md`. The machine is shared: read the load average before comparing.',
    '',
    // The full table of one build, every route and visitor, when `npm run bench:pages` last ran on its own.
    ...(existsSync('bench/results/pages-latest.json')
      ? ['## Latest full run (one build, every route × visitor)', '', renderRun('latest')]
      : []),
    ...(existsSync('bench/results/pages-postgres.json')
      ? ['## The same build on PostgreSQL (`BENCH_DB=postgres`, selected rows)', '', renderRun('postgres')]
      : []),
    // Runs of a few rows (BENCH_PATHS), newest first, then the full A/B run.
    ...readdirSafe('bench/results')
      .filter((f) => /^pages-ab-.+\.json$/.test(f))
      .map((f) => f.slice('pages-'.length, -'.json'.length))
      .sort((a, b) =>
        JSON.parse(readFileSync(`bench/results/pages-${b}.json`, 'utf8')).date.localeCompare(
          JSON.parse(readFileSync(`bench/results/pages-${a}.json`, 'utf8')).date,
        ),
      )
      .map((n) => comparison(n)),
    comparison(),
    ...(existsSync('bench/results/pages-ab.json')
      ? ['## After: this build in the A/B run (full table)', '', renderRun('ab')]
      : ['## After', '', renderRun('after')]),
    existsSync('bench/results/pages-ab.json') ? '## Before: a separate earlier run of the base build' : '## Before',
    '',
    renderRun('before'),
    notes,
  ].join('\n');
}

/** The JavaScript-size bench's table (bench/first-load-js.mjs, `npm run bench:js`), against our running server. */
async function printFirstLoadJs(baseUrl, cookies) {
  if (!existsSync('bench/first-load-js.mjs')) return;
  try {
    const { printTable } = await import('./first-load-js.mjs');
    const { learner, expert, admin } = cookies;
    console.log('\nFirst Load JS per route (bench/first-load-js.mjs):');
    await printTable({ baseUrl, cookiesByRole: { learner, expert, admin } });
  } catch (e) {
    console.error('bench/first-load-js.mjs could not be run:', e?.message ?? e);
  }
}
