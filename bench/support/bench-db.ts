// Helpers the library benches share (bench/holds.ts, bench/packages.ts, bench/payments-webhooks.ts): re-run under
// the react-server condition, a fresh migrated Postgres database per bench (dropped at the end), a seeded market of
// experts and learners, percentiles, and the result file.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import type { TDb } from '../../lib/db';
import type { TSlotSource } from '../../lib/booking/slot-source';

export const BENCH_PG = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';

/**
 * lib/ modules import 'server-only', which loads only under the react-server condition: the parent process re-runs
 * `script` under it (with `flag` set so the child knows it is the child) and exits with its status.
 */
export function runUnderReactServer(script: string, flag: string): void {
  if (process.env[flag]) return;
  const r = spawnSync('npx', ['tsx', '--conditions=react-server', script], {
    stdio: 'inherit',
    env: { ...process.env, [flag]: '1', TZ: 'UTC', NODE_ENV: 'production', LOG_LEVEL: 'warn' },
  });
  process.exit(r.status ?? 1);
}

/** The p-th percentile (nearest rank) of `xs` in ms with two decimals, or null for none. */
export const pct = (xs: number[], p: number) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)].toFixed(2);
};
export const stats = (xs: number[]) => ({ n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99), max: pct(xs, 100) });

/** One statement on the server's maintenance connection (create and drop database). */
export async function adminSql(text: string, server = BENCH_PG): Promise<void> {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

/** A new database `name` on BENCH_PG (any old one dropped), migrated, with a pool of `poolSize` connections. */
export async function freshBenchDb(name: string, poolSize: number): Promise<{ db: TDb; url: string; drop: () => Promise<void> }> {
  const { createPostgresDb } = await import('../../lib/db/postgres-client');
  const { migrate } = await import('../../lib/db/migrate');
  await adminSql(`drop database if exists ${name} with (force)`);
  await adminSql(`create database ${name}`);
  const url = `${BENCH_PG}/${name}`;
  const db = createPostgresDb(url, poolSize);
  await migrate(db);
  return {
    db,
    url,
    /** Closes the pool and drops the database (pg-pool's end() resolves before its connections close: wait for them). */
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: BENCH_PG });
      await c.connect();
      try {
        for (let i = 0; i < 100; i++) {
          const { rows } = await c.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
          if (rows[0].n === 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
      } finally {
        await c.end();
      }
      await adminSql(`drop database if exists ${name} with (force)`);
    },
  };
}

/**
 * `experts` approved experts (bench-expert-N, slug bench-N) open all day every day, 60-minute sessions at 50 USD, no
 * notice, a year ahead; and `learners` learners (bench-learner-N). `timezone` is one zone, or 'mixed' for four
 * zones around the world in turn.
 */
export async function seedBenchMarket(
  db: TDb,
  o: { experts: number; learners: number; timezone?: string | 'mixed'; slotIntervalMinutes?: number },
): Promise<void> {
  const zone =
    o.timezone === 'mixed'
      ? "(array['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe'])[1 + (row_number() over ()) % 4]"
      : `'${(o.timezone ?? 'UTC').replace(/'/g, "''")}'`;
  await db.exec(`
    insert into public.users (email, name, role, password_hash)
      select 'bench-expert-' || g || '@example.test', 'Expert ' || g, 'expert', 'x' from generate_series(1, ${Math.trunc(o.experts)}) g;
    insert into public.users (email, name, role, password_hash)
      select 'bench-learner-' || g || '@example.test', 'Learner ' || g, 'learner', 'x' from generate_series(1, ${Math.trunc(o.learners)}) g;
    insert into public.expert_profiles (user_id, slug, display_name, status, timezone)
      select id, 'bench-' || split_part(split_part(email, '@', 1), '-', 3), name, 'approved', ${zone}
        from public.users where email like 'bench-expert-%';
    insert into public.expert_offerings (expert_id, duration_minutes, price_minor, currency) select id, 60, 5000, 'USD' from public.expert_profiles;
    insert into public.availability_settings (expert_id, min_notice_minutes, horizon_days, slot_interval_minutes)
      select id, 0, 365, ${Math.trunc(o.slotIntervalMinutes ?? 60)} from public.expert_profiles;
    insert into public.availability_rules (expert_id, weekday, start_minute, end_minute)
      select e.id, d, 0, 1440 from public.expert_profiles e, generate_series(1, 7) d;
  `);
}

/** The seeded learners, as the session users lib/ functions take. */
export async function benchLearners(db: TDb) {
  const { rows } = await db.query<{ id: string; email: string; name: string }>(
    "select id, email, name from public.users where role = 'learner' order by email",
  );
  return rows.map((r) => ({ ...r, role: 'learner' as const }));
}

/** A slot source offering every half hour (when the bench measures the booking rules, not the slot rules). */
export const everyHalfHour: TSlotSource = {
  async slots(_db, _id, q) {
    const step = 30 * 60_000;
    const out = [];
    for (let t = Math.ceil(Math.max(q.from, q.now ?? Date.now()) / step) * step; t < q.to; t += step)
      out.push({ start: t, end: t + q.lengthMinutes * 60_000 });
    return out;
  },
};

/** What the machine was doing: cores, CPU model, 1/5/15-minute load averages. */
export function machine() {
  return { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadavg: os.loadavg().map((x) => +x.toFixed(2)) };
}

/** Writes bench/results/<file> (pretty JSON). */
export function writeBenchResult(file: string, result: unknown): void {
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/${file}`, JSON.stringify(result, null, 2) + '\n');
}
