// npm run bench:marketplace (after npm run build): the expert directory with 10,000 seeded experts on real
// Postgres, 50 concurrent clients (autocannon). Measures GET /api/experts uncached (DIRECTORY_CACHE_SECONDS=0)
// and cached (in-process LRU, then Redis), and the /experts page; records EXPLAIN ANALYZE of the search.
// Env: BENCH_PG (server URL, default postgres://postgres@127.0.0.1:5432), BENCH_REDIS (default redis://127.0.0.1:6379),
// BENCH_SECONDS (default 10). Writes bench/results/marketplace.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { benchMachine, createBenchServer, loadTable, sql } from './support/bench-server.mjs';

const PORT = 3302;
const SERVER = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const DB_NAME = 'pw_bench_market';
const DATABASE_URL = `${SERVER}/${DB_NAME}`;
const REDIS_URL = process.env.BENCH_REDIS ?? 'redis://127.0.0.1:6379';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;

// A mix of what people search: words, filters, sorts, deep pages, module topics.
const QUERIES = [
  '',
  '?q=python',
  '?q=german+exam',
  '?q=react+testing',
  '?q=interviews&sort=rating',
  '?specialty=SQL&sort=price_asc',
  '?language=es&minRating=4.5',
  '?minPrice=20&maxPrice=60&sort=price_desc',
  '?topics=sql,interviews,dbt',
  '?sort=rating&page=5',
  '?q=statistics&language=en',
  '?specialty=Python&page=2',
  '?q=leadership+agile',
  '?topics=kubernetes,docker,aws',
  '?q=guitar',
];

const bench = createBenchServer({
  port: PORT,
  databaseUrl: DATABASE_URL,
  dataDir: '.data/bench-market',
  connections: CONNECTIONS,
  seconds: SECONDS,
});
const BASE = bench.base;
const { portFree, waitFor, load } = bench;
const startServer = (extraEnv) => bench.start(extraEnv);

// 1. A fresh database: migrations and the demo seed by the app itself, then 10,000 experts in bulk SQL.
await sql(`${SERVER}/postgres`, `drop database if exists ${DB_NAME} with (force)`);
await sql(`${SERVER}/postgres`, `create database ${DB_NAME}`);
await portFree();
let server = startServer({ DIRECTORY_CACHE_SECONDS: '0' });
await waitFor('/api/experts');
const seedStarted = Date.now();
await sql(DATABASE_URL, readFileSync('bench/marketplace-seed.sql', 'utf8'));
// A bulk load leaves dead row versions (the price trigger updates each profile); autovacuum would clean them up
// in production, so compact now rather than measure bloat.
await sql(DATABASE_URL, 'vacuum full analyze public.expert_profiles');
// VACUUM FULL leaves the visibility map empty; a plain VACUUM (what autovacuum does) sets it, so counts can
// use index-only scans as they would in production.
await sql(DATABASE_URL, 'vacuum analyze public.expert_profiles');
await sql(DATABASE_URL, 'vacuum analyze public.expert_offerings');
const counts = (
  await sql(
    DATABASE_URL,
    `select count(*)::int as experts, count(*) filter (where status = 'approved' and not hidden)::int as listed from public.expert_profiles`,
  )
).rows[0];
console.log(`seeded in ${Date.now() - seedStarted} ms:`, counts);

// 2. EXPLAIN ANALYZE of the real search queries.
const explain = spawnSync('npx', ['tsx', '--conditions=react-server', 'bench/explain-search.ts', DATABASE_URL], { encoding: 'utf8' });
if (explain.status !== 0) throw new Error(explain.stderr);
const plans = JSON.parse(explain.stdout);

const api = (i) => `/api/experts${QUERIES[i % QUERIES.length]}`;
const page = (i) => `/experts${QUERIES[i % QUERIES.length]}`;
const results = [];
// The mix repeats its 15 searches, so identical searches are often in flight together and share one query
// (lib/experts/expert-cache.ts). Cycling perPage 10–50 as well makes every in-flight search distinct: the
// database's cost for each request, with nothing shared.
const apiDistinct = (i) => `${api(i)}${QUERIES[i % QUERIES.length] ? '&' : '?'}perPage=${10 + (Math.floor(i / QUERIES.length) % 41)}`;
results.push(await load('api uncached', api));
results.push(await load('api uncached, every search distinct', apiDistinct));
results.push(await load('page uncached', page));
await server.stop();

server = startServer({ DIRECTORY_CACHE_SECONDS: '60' });
await waitFor('/api/experts');
results.push(await load('api cached (in-process)', api));
results.push(await load('page cached (in-process)', page));
// Signed in, the rendered page is never shared: Next renders it each time, from the cached search.
const signIn = await fetch(BASE + '/api/auth/sign-in', {
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: BASE },
  body: JSON.stringify({ email: 'learner@pathwise.dev', password: 'pathwise-demo' }),
});
const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
if (!signIn.ok || !cookie.startsWith('pw_session=')) throw new Error(`sign-in failed: ${signIn.status}`);
results.push(await load('page cached, signed in (in-process)', page, { cookie }));
await server.stop();

server = startServer({ DIRECTORY_CACHE_SECONDS: '60', REDIS_URL });
await waitFor('/api/experts');
results.push(await load('api cached (redis)', api));
results.push(await load('page cached (redis)', page));
await server.stop();

const out = {
  date: new Date().toISOString(),
  machine: benchMachine(),
  setup: { experts: counts.experts, listed: counts.listed, connections: CONNECTIONS, seconds: SECONDS, queries: QUERIES },
  targets: { apiUncached: { p95Ms: 50, rps: 500 }, apiCached: { rps: 1500 }, page: { p95Ms: 150 } },
  results,
  explain: plans,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/marketplace.json', JSON.stringify(out, null, 2) + '\n');
console.log('wrote bench/results/marketplace.json');

// A readable summary beside the JSON.
const md = [
  '# Marketplace benchmark: the expert directory',
  '',
  `Generated by \`npm run bench:marketplace\` on ${out.date} — ${out.machine.cpus} × ${out.machine.cpuModel}, ${out.machine.memGB} GB, Node ${out.machine.node}.`,
  `Postgres 15 on the same machine; ${counts.experts.toLocaleString('en-US')} expert profiles (${counts.listed.toLocaleString('en-US')} listed); autocannon with ${CONNECTIONS} connections for ${SECONDS} s per row after a 3 s warm-up, rotating over ${QUERIES.length} searches (words, filters, sorts, deep pages, topics).`,
  'The app server, Postgres, Redis and autocannon share the 2 cores.',
  '',
  'Targets: search API p95 ≤ 50 ms and ≥ 500 req/s uncached, ≥ 1,500 req/s cached; directory page p95 ≤ 150 ms.',
  '',
  'Uncached: `DIRECTORY_CACHE_SECONDS=0` (no search cache, no page cache); identical searches in flight at the same moment still share one query, so a',
  'second uncached row cycles perPage 10–50 too, making every in-flight search distinct. Cached pages are the ones kept for signed-out visitors',
  '(lib/http/fast-lane.ts); a signed-in visitor always gets a fresh render from the cached search.',
  'CPU ms per request: Postgres (all its processes) / the app server / autocannon — where the 2 cores went.',
  '',
  ...loadTable(results),
  '',
  '## EXPLAIN ANALYZE of the search queries',
  '',
  'One statement per search, explained on a warm connection. Ranked searches rank (id, rank, rating) for every match in a',
  "materialized CTE, join the page's rows back and count the same matches; ordered listings take the page from an index",
  'and count up to 1,001 rows in an InitPlan.',
  '',
  ...plans.flatMap((p) => ['`' + JSON.stringify(p.search) + '`', '', '```', p.plan, '```', '']),
].join('\n');
writeFileSync('bench/MARKETPLACE.md', md + '\n');
