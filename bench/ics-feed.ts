// npm run bench:ics-feed: how long GET /api/calendar/feed/:token takes to build a busy user's feed, in process
// (renderFeed: token lookup, the sessions query, ical-generator), on PGlite and — when BENCH_PG is reachable — on
// Postgres. The user is an expert with 600 sessions in the 90-day-back-to-future window (plus 200 older ones the
// feed leaves out); 300 renders after 20 warm-up ones. Writes bench/ICS-FEED.md.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { rotateFeedToken, renderFeed } from '../lib/calendar/ics-feed';
import { migrate } from '../lib/db/migrate';
import { createPgliteDb } from '../lib/db/pglite-client';
import { createPostgresDb } from '../lib/db/postgres-client';
import type { TDb } from '../lib/db/types';

const RENDERS = 300;
const SERVER = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const DB_NAME = 'pw_bench_ics_feed';

async function seed(db: TDb): Promise<string> {
  const q = async (sql: string, params: unknown[] = []) => (await db.query<{ id: string }>(sql, params)).rows;
  const [expertUser] = await q(
    "insert into public.users (email, name, role, password_hash) values ('bench-feed@example.test', 'Feed Expert', 'expert', 'x') returning id",
  );
  const [learner] = await q(
    "insert into public.users (email, name, role, password_hash) values ('bench-feed-l@example.test', 'Feed Learner', 'learner', 'x') returning id",
  );
  const [profile] = await q(
    "insert into public.expert_profiles (user_id, slug, display_name, headline, status) values ($1, 'bench-feed', 'Feed Expert', 'Benchmarks', 'approved') returning id",
    [expertUser.id],
  );
  // 800 one-hour sessions two hours apart from 200 days ago: 600 fall in the feed's window.
  await db.query(
    `insert into public.bookings (expert_id, learner_id, starts_at, ends_at, blocked_from, blocked_to, duration_minutes, status, price_minor, currency, brief, sequence)
     select $1, $2, t, t + interval '1 hour', t, t + interval '1 hour', 60,
            (array['confirmed', 'completed', 'cancelled', 'no_show'])[1 + i % 4], 5000, 'USD', repeat('Window functions and CTEs. ', 6), i % 3
       from generate_series(0, 799) i, lateral (select date_trunc('hour', now()) - interval '200 days' + i * interval '6 hours' as t) x`,
    [profile.id, learner.id],
  );
  const { url } = await rotateFeedToken(db, expertUser.id);
  return url
    .split('/')
    .pop()!
    .replace(/\.ics$/, '');
}

async function measure(db: TDb, token: string) {
  for (let i = 0; i < 20; i++) await renderFeed(db, token);
  const ms: number[] = [];
  let bytes = 0;
  let events = 0;
  for (let i = 0; i < RENDERS; i++) {
    const t0 = performance.now();
    const body = (await renderFeed(db, token))!;
    ms.push(performance.now() - t0);
    bytes = Buffer.byteLength(body);
    events = body.split('BEGIN:VEVENT').length - 1;
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))].toFixed(1);
  return { p50: at(0.5), p95: at(0.95), max: ms.at(-1)!.toFixed(1), bytes, events };
}

async function main() {
  const rows: string[] = [];
  const lite = await createPgliteDb();
  await migrate(lite);
  const r1 = await measure(lite, await seed(lite));
  await lite.close();
  rows.push(`| PGlite (in process) | ${r1.events} | ${(r1.bytes / 1024).toFixed(0)} KB | ${r1.p50} | ${r1.p95} | ${r1.max} |`);
  try {
    const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
    await admin.connect();
    await admin.query(`drop database if exists ${DB_NAME} with (force)`);
    await admin.query(`create database ${DB_NAME}`);
    const db = createPostgresDb(`${SERVER}/${DB_NAME}`, 4);
    await migrate(db);
    const r2 = await measure(db, await seed(db));
    await db.close();
    await admin.query(`drop database if exists ${DB_NAME} with (force)`);
    await admin.end();
    rows.push(
      `| Postgres (${SERVER.replace(/\/\/[^@]*@/, '//')}) | ${r2.events} | ${(r2.bytes / 1024).toFixed(0)} KB | ${r2.p50} | ${r2.p95} | ${r2.max} |`,
    );
  } catch (e) {
    rows.push(`| Postgres | not reachable (${String(e).slice(0, 60)}) | | | | |`);
  }
  const load = os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
  const md = `# ICS feed render (npm run bench:ics-feed)

What one \`GET /api/calendar/feed/:token\` costs the server for a busy user: an expert with 800 sessions, 600 of them
inside the feed's window (ended less than 90 days ago, or upcoming), each with a brief. In process (\`renderFeed\`:
token hash lookup, the sessions query, building the calendar with ical-generator); ${RENDERS} renders after 20 warm-up.
Calendar apps poll a feed every 15 minutes to a few hours, so even the slowest line below is far from a load problem;
the route's rate limits (60/min per IP, 20/min per token) bound abuse.

Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${load} (1/5/15 min) while it ran —
the machine was shared with other builds and test runs, so these are upper bounds.

| database | events | body | p50 ms | p95 ms | max ms |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Run on ${new Date().toISOString().slice(0, 10)}.
`;
  writeFileSync('bench/ICS-FEED.md', md);
  console.log(md);
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
