// npm run bench:js (after npm run build): First Load JS of every page route, measured the way issue #15 does —
// the scripts a page's HTML references (`<script src>`; the noModule polyfills are skipped by every browser
// Next supports), each fetched from the production server and compressed with gzip -9, summed, in kB
// (1000 bytes). Public pages are measured signed out and signed in; role pages as the role that can see them,
// with the seeded ids (the learner's curriculum, the learner's past session, the waiting expert application,
// a listed expert's slug) looked up from the running server.
//
//   npm run bench:js                       builds if .next holds no production build, starts `npm start` on a
//                                          fresh PGlite directory, measures, writes bench/results/first-load-js-<label>.json
//   BENCH_LABEL=after npm run bench:js     the label of the result file (default: latest)
//   BENCH_BASE_URL=http://… npm run bench:js   measures a server someone else started (with the demo seed)
//
// Other benches import `measureFirstLoadJs({ baseUrl, cookiesByRole })`, `printTable()` and `PAGE_ROUTES`.
import { spawn } from 'node:child_process';
import { readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Budgets of issue #15, kB gzip -9. */
export const BUDGET_KB = { default: 170, '/': 150, '/sign-in': 150 };
export const budgetOf = (route) => BUDGET_KB[route] ?? BUDGET_KB.default;

/**
 * Every page.tsx under app/, with who is asked for it (`anonymous` or a role whose demo account can see it) and
 * which seeded resource fills its [segment]. `measureFirstLoadJs` checks this list against app/ so a new page
 * is not silently left out.
 */
export const PAGE_ROUTES = [
  { route: '/', as: ['anonymous'] },
  { route: '/sign-in', as: ['anonymous'] },
  { route: '/sign-up', as: ['anonymous'] },
  { route: '/forgot-password', as: ['anonymous', 'learner'] },
  { route: '/reset-password', as: ['anonymous'] },
  { route: '/privacy', as: ['anonymous', 'learner'] },
  { route: '/experts', as: ['anonymous', 'learner'] },
  { route: '/experts/[slug]', as: ['anonymous', 'learner'], params: { slug: 'slug' } },
  { route: '/settings', as: ['learner', 'expert'] },
  { route: '/learn', as: ['learner'] },
  { route: '/learn/new', as: ['learner'] },
  { route: '/learn/progress', as: ['learner'] },
  { route: '/learn/[id]', as: ['learner'], params: { id: 'curriculum' } },
  { route: '/sessions', as: ['learner', 'expert'] },
  { route: '/sessions/[id]/review', as: ['learner'], params: { id: 'booking' } },
  // The seeded booking's room has closed, so this measures its 403 answer; an open room's WebRTC, chat and
  // socket code loads after hydration (components/video/room-loader.tsx), outside the first load.
  { route: '/sessions/[id]/room', as: ['learner'], params: { id: 'booking' }, status: 403 },
  { route: '/notifications', as: ['learner', 'expert'] },
  // The seed has no open payment: lookUpResources holds the first free slot of the listed expert as the demo
  // learner and starts its test-mode checkout (a fresh database each run). A package checkout is not created:
  // listed, not measured.
  { route: '/pay/[paymentId]', as: ['learner'], params: { paymentId: 'payment' } },
  { route: '/packages/checkout/[id]', as: ['learner'], params: { id: 'packagePayment' } },
  { route: '/dashboard', as: ['expert'] },
  { route: '/dashboard/preview', as: ['expert'] },
  { route: '/dashboard/profile', as: ['expert'] },
  { route: '/availability', as: ['expert'] },
  { route: '/earnings', as: ['expert'] },
  { route: '/admin', as: ['admin'] },
  { route: '/admin/applications/[id]', as: ['admin'], params: { id: 'application' } },
  { route: '/admin/payments', as: ['admin'] },
  { route: '/admin/payments/all', as: ['admin'] },
  { route: '/admin/policy', as: ['admin'] },
  { route: '/admin/rates', as: ['admin'] },
  { route: '/admin/reviews', as: ['admin'] },
  { route: '/admin/sanctions', as: ['admin'] },
];

export const DEMO_ACCOUNTS = { learner: 'learner@pathwise.dev', expert: 'expert@pathwise.dev', admin: 'admin@pathwise.dev' };
const DEMO_PASSWORD = 'pathwise-demo';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** The page routes of app/ (route groups dropped), to check PAGE_ROUTES is complete. */
export function pageRoutesInApp(dir = 'app') {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name === 'page.tsx') {
        const segs = path
          .relative(dir, d)
          .split(path.sep)
          .filter((s) => s && !/^\(.*\)$/.test(s));
        out.push('/' + segs.join('/'));
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** The script URLs a page's HTML references, in document order, without duplicates or noModule polyfills. */
export function scriptSources(html) {
  const tags = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]).filter((t) => !/\bnomodule\b/i.test(t));
  return [...new Set(tags.map((t) => /\bsrc="([^"]+)"/.exec(t)?.[1]).filter(Boolean))];
}

/** Signs a demo account in through the real route; returns its session cookie (`pw_session=…`). */
export async function signIn(baseUrl, email, password = DEMO_PASSWORD) {
  const res = await fetch(baseUrl + '/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  if (!res.ok || !cookie.startsWith('pw_session=')) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  return cookie;
}

/** The seeded ids the parameterised routes need, looked up from the running server (never hard-coded). */
export async function lookUpResources(baseUrl, cookiesByRole) {
  const get = async (role, p) => {
    const res = await fetch(baseUrl + p, { headers: cookiesByRole[role] ? { cookie: cookiesByRole[role] } : {} });
    if (!res.ok) throw new Error(`GET ${p} as ${role}: ${res.status}`);
    return res.text();
  };
  const match = (text, re, what) => {
    const m = re.exec(text);
    if (!m) throw new Error(`first-load-js: could not find ${what}`);
    return m[1];
  };
  const out = {};
  if (cookiesByRole.learner) {
    out.curriculum = match(await get('learner', '/learn'), new RegExp(`href="/learn/(${UUID})"`), "the learner's curriculum");
    const past = JSON.parse(await get('learner', '/api/bookings?scope=past'));
    // The seeded completed session with Emily Carter (the one the learner can review).
    const booking = past.bookings?.find((b) => JSON.stringify(b).includes('Emily Carter')) ?? past.bookings?.[0];
    if (booking) out.booking = booking.id;
  }
  if (cookiesByRole.admin)
    out.application = match(await get('admin', '/admin'), new RegExp(`href="/admin/applications/(${UUID})"`), 'an expert application');
  out.slug = match(await get('anonymous', '/api/experts'), /"slug":"([a-z0-9-]+)"/, 'a listed expert');
  if (cookiesByRole.learner) {
    try {
      out.payment = await openTestModePayment(baseUrl, cookiesByRole.learner, out.slug);
    } catch (e) {
      console.warn(`first-load-js: no test-mode payment to measure /pay/[paymentId] with (${e?.message ?? e})`);
    }
  }
  return out;
}

/** Holds the expert's first free slot in the next 30 days as the learner and starts its checkout: the payment's id. */
async function openTestModePayment(baseUrl, cookie, slug) {
  const headers = { cookie, origin: baseUrl, 'content-type': 'application/json' };
  const day = (d) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
  const q = new URLSearchParams({ from: day(0), to: day(30), tz: 'UTC' });
  const slotsRes = await fetch(`${baseUrl}/api/experts/${slug}/slots?${q}`, { headers });
  if (!slotsRes.ok) throw new Error(`slots: ${slotsRes.status}`);
  const { slots, lengthMinutes } = await slotsRes.json();
  if (!slots?.length) throw new Error('no free slot');
  const held = await fetch(`${baseUrl}/api/bookings`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      expertSlug: slug,
      start: slots[slots.length - 1].start,
      lengthMinutes,
      brief: 'First Load JS bench: the test-mode payment page.',
      curriculumId: null,
      moduleId: null,
      timeZone: 'UTC',
    }),
  });
  if (held.status !== 201) throw new Error(`hold: ${held.status} ${await held.text()}`);
  const { booking } = await held.json();
  const paid = await fetch(`${baseUrl}/api/bookings/${booking.id}/pay`, { method: 'POST', headers, body: '{}' });
  if (!paid.ok) throw new Error(`pay: ${paid.status} ${await paid.text()}`);
  const { paymentId } = await paid.json();
  if (!paymentId) throw new Error('the checkout answered without a test-mode payment id (Stripe configured?)');
  return paymentId;
}

/**
 * First Load JS of one page as one visitor: the HTML's scripts, each fetched once and gzip -9'd.
 * `cache` (url → {raw, gzip}) is shared between pages so a chunk is downloaded once per run.
 */
export async function measurePage(baseUrl, urlPath, cookie, cache = new Map(), expected = 200) {
  const res = await fetch(baseUrl + urlPath, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  if (res.status !== expected)
    throw new Error(`GET ${urlPath}: expected ${expected}, got ${res.status} ${res.headers.get('location') ?? ''}`);
  const srcs = scriptSources(await res.text());
  let raw = 0;
  let gzip = 0;
  const scripts = [];
  for (const src of srcs) {
    const url = new URL(src, baseUrl).href;
    if (!cache.has(url)) {
      const r = await fetch(url);
      if (!r.ok) throw new Error(`GET ${src}: ${r.status}`);
      const body = Buffer.from(await r.arrayBuffer());
      cache.set(url, { raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
    }
    const s = cache.get(url);
    raw += s.raw;
    gzip += s.gzip;
    scripts.push({ src: new URL(url).pathname, gzipKB: kB(s.gzip) });
  }
  return { scripts: srcs.length, rawKB: kB(raw), gzipKB: kB(gzip), files: scripts };
}

const kB = (bytes) => Math.round(bytes / 100) / 10;

/**
 * First Load JS of every page in `routes` for every visitor that can see it. `cookiesByRole` maps learner,
 * expert, admin to a session cookie (missing roles are skipped); `resources` fills [segments] (looked up
 * when not given). Returns rows `{ route, as, path, scripts, rawKB, gzipKB, budgetKB, over, files }`.
 */
export async function measureFirstLoadJs({ baseUrl, cookiesByRole = {}, routes = PAGE_ROUTES, resources } = {}) {
  resources ??= await lookUpResources(baseUrl, cookiesByRole);
  const cache = new Map();
  const rows = [];
  for (const r of routes) {
    let urlPath = r.route;
    let missing = false;
    for (const [seg, key] of Object.entries(r.params ?? {})) {
      if (!resources[key]) missing = true;
      urlPath = urlPath.replace(`[${seg}]`, resources[key] ?? '');
    }
    for (const as of r.as) {
      if (missing || (as !== 'anonymous' && !cookiesByRole[as])) continue;
      const m = await measurePage(baseUrl, urlPath, as === 'anonymous' ? undefined : cookiesByRole[as], cache, r.status ?? 200);
      const budgetKB = budgetOf(r.route);
      rows.push({ route: r.route, as, path: urlPath, ...m, budgetKB, over: m.gzipKB > budgetKB });
    }
  }
  return rows;
}

export function formatTable(rows) {
  const lines = ['| route | as | scripts | raw kB | gzip -9 kB | budget | |', '| --- | --- | ---: | ---: | ---: | ---: | --- |'];
  for (const r of rows)
    lines.push(
      `| \`${r.route}\` | ${r.as} | ${r.scripts} | ${r.rawKB.toFixed(1)} | ${r.gzipKB.toFixed(1)} | ${r.budgetKB} | ${r.over ? 'OVER' : 'ok'} |`,
    );
  return lines.join('\n');
}

/**
 * The table, for other benches (bench/pages.mjs calls `printTable()` at its end): against `baseUrl` when given
 * (with `cookiesByRole`), else the whole CLI run (own server, result file).
 */
export async function printTable({ baseUrl, cookiesByRole } = {}) {
  if (!baseUrl) return main();
  const rows = await measureFirstLoadJs({ baseUrl, cookiesByRole });
  console.log(formatTable(rows));
  return rows;
}

// ── CLI ──────────────────────────────────────────────────────────────────────────────────────────────────
async function main() {
  const { spawnSync } = await import('node:child_process');
  const { existsSync, readFileSync } = await import('node:fs');
  const label = process.env.BENCH_LABEL ?? 'latest';
  const inApp = pageRoutesInApp();
  const listed = new Set(PAGE_ROUTES.map((r) => r.route));
  const unlisted = inApp.filter((r) => !listed.has(r));
  const gone = [...listed].filter((r) => !inApp.includes(r));
  if (unlisted.length || gone.length)
    throw new Error(`PAGE_ROUTES is out of date: pages not listed ${JSON.stringify(unlisted)}, listed but gone ${JSON.stringify(gone)}`);

  let baseUrl = process.env.BENCH_BASE_URL;
  let stop = () => {};
  if (!baseUrl) {
    if (!existsSync('.next/BUILD_ID') || process.env.BENCH_REBUILD) {
      const r = spawnSync('npm', ['run', 'build'], {
        stdio: 'inherit',
        env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', NODE_ENV: 'production' },
      });
      if (r.status !== 0) throw new Error('npm run build failed');
    }
    const port = Number(process.env.BENCH_PORT ?? 3216);
    const dataDir = '.data/bench-js';
    rmSync(dataDir, { recursive: true, force: true });
    baseUrl = `http://localhost:${port}`;
    const server = spawn('node', ['server/main.mjs'], {
      env: {
        ...process.env,
        TZ: 'UTC',
        NODE_ENV: 'production',
        PORT: String(port),
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        REDIS_URL: '',
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'true',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true,
    });
    stop = () => {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {}
    };
    process.on('exit', stop);
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(baseUrl + '/api/health')).ok) break;
      } catch {}
      if (i > 1200) throw new Error('server did not become healthy in 2 minutes');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const cookiesByRole = {};
  for (const [role, email] of Object.entries(DEMO_ACCOUNTS)) cookiesByRole[role] = await signIn(baseUrl, email);
  const rows = await measureFirstLoadJs({ baseUrl, cookiesByRole });
  stop();

  const buildId = existsSync('.next/BUILD_ID') ? readFileSync('.next/BUILD_ID', 'utf8').trim() : undefined;
  const result = {
    date: new Date().toISOString(),
    label,
    method: 'scripts referenced by <script src> in the page HTML (noModule skipped), each fetched and gzip -9, summed; kB = 1000 bytes',
    commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim(),
    buildId,
    budgets: BUDGET_KB,
    over: rows.filter((r) => r.over).map((r) => `${r.route} (${r.as}) ${r.gzipKB} kB`),
    rows,
  };
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/first-load-js-${label}.json`;
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  console.log(formatTable(rows));
  console.log(
    `\n${rows.length} measurements, ${result.over.length} over budget${result.over.length ? ': ' + result.over.join(', ') : ''}; wrote ${file}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
