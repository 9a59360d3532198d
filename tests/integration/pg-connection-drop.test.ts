import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET, PUT } from '@/app/api/expert/availability/route';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createSession } from '@/lib/auth/sessions';
import { createMemoryCache } from '@/lib/cache/cache';
import { appErrorFromPg } from '@/lib/http/pg-errors';
import { createExpertProfile, createUser } from '../support/factories';
import { buildRequest } from '../support/route-harness';
import { createTestDb, type TTestDb } from '../support/test-db';

// A Postgres connection dropped in the middle of a request (a failover, an admin's pg_terminate_backend, a network
// cut): the client gets a clean 503 in the error shape, the write is all-or-nothing, and the process keeps serving
// on fresh connections. Without the pool's and the checked-out client's error listeners
// (lib/db/postgres-client.ts) pg's `error` event is unhandled and the process dies; vitest fails the run on it.
vi.mock('@/lib/realtime/publish-slots', () => ({ publishSlotsChanged: vi.fn() }));
vi.mock('@/lib/experts/refresh-next-available', () => ({ refreshNextAvailable: vi.fn(async () => {}) }));

const onPostgres = !!process.env.TEST_DATABASE_URL;
const none = { params: Promise.resolve({}) };
const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown>; __pathwiseCache?: unknown };

describe('connection errors map to a clean 503 (any database)', () => {
  it('maps admin shutdown, connection exceptions and a closed socket to unavailable, and leaves other errors alone', () => {
    for (const code of ['57P01', '57P02', '57P03', '08006', '08003']) {
      expect(appErrorFromPg(Object.assign(new Error('terminating connection'), { code }))?.status).toBe(503);
    }
    expect(appErrorFromPg(new Error('Connection terminated unexpectedly'))?.code).toBe('unavailable');
    expect(appErrorFromPg(Object.assign(new Error('boom'), { code: 'XX000' }))).toBeNull();
    expect(appErrorFromPg(Object.assign(new Error('dup'), { code: '23505' }))?.status).toBe(409);
  });
});

describe.skipIf(!onPostgres)('a Postgres backend terminated mid-request', () => {
  let t: TTestDb;
  let expert: TSessionUser;
  let profile: { id: string };
  let cookie: string;
  let dbName: string;

  beforeAll(async () => {
    t = await createTestDb();
    dbName = new URL(t.url!).pathname.slice(1);
    holder.__pathwiseDb = Promise.resolve(t.db);
    holder.__pathwiseCache = createMemoryCache();
    expert = await createUser(t.db, { role: 'expert' });
    profile = await createExpertProfile(t.db, expert.id);
    cookie = `pw_session=${(await createSession(t.db, expert.id, 1)).token}`;
  });
  afterAll(async () => {
    holder.__pathwiseDb = undefined;
    holder.__pathwiseCache = undefined;
    await t?.drop();
  });

  async function call(method: 'GET' | 'PUT', body?: unknown) {
    const req = buildRequest({ method, path: '/api/expert/availability', cookie, body: body === undefined ? undefined : { json: body } });
    const res = await (method === 'GET' ? GET : PUT)(req, none);
    return {
      status: res.status,
      body: (await res.json()) as { availability?: Record<string, unknown>; error?: { code: string; message: string } },
    };
  }

  const week = (days: Record<number, [number, number][]>) =>
    [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      ranges: (days[weekday] ?? []).map(([startMinute, endMinute]) => ({ startMinute, endMinute })),
    }));
  const settings = (buffer: number) => ({
    bufferBeforeMinutes: buffer,
    bufferAfterMinutes: 0,
    minNoticeMinutes: 60,
    horizonDays: 30,
    maxPerDay: 4,
    slotIntervalMinutes: 30,
  });
  const before = { weekly: week({ 1: [[540, 720]], 2: [[540, 720]] }), overrides: [], settings: settings(5) };
  const after = { weekly: week({ 3: [[600, 660]], 4: [[600, 660]], 5: [[600, 660]] }), overrides: [], settings: settings(20) };

  async function counts() {
    const { rows } = await t.db.query<{ rules: number; weekdays: number[]; buffer: number }>(
      `select (select count(*)::int from public.availability_rules where expert_id = $1) as rules,
              (select array_agg(weekday::int order by weekday) from public.availability_rules where expert_id = $1) as weekdays,
              (select buffer_before_minutes from public.availability_settings where expert_id = $1) as buffer`,
      [profile.id],
    );
    return rows[0];
  }

  async function admin(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: t.url! });
    await c.connect();
    return c;
  }

  it('answers 503 in the error shape, keeps the old availability whole, and serves the next request', async () => {
    expect((await call('PUT', before)).status).toBe(200);
    expect(await counts()).toEqual({ rules: 2, weekdays: [1, 2], buffer: 5 });

    // Hold the save after its deletes and inserts: the settings upsert needs ROW EXCLUSIVE, SHARE blocks it.
    const blocker = await admin();
    await blocker.query('begin');
    await blocker.query('lock table public.availability_settings in share mode');
    const save = call('PUT', after);
    let waiting: number[] = [];
    for (let i = 0; i < 400 && !waiting.length; i++) {
      // Inside a transaction pg_stat_activity is a snapshot taken at its first read: clear it to see the save arrive.
      await blocker.query('select pg_stat_clear_snapshot()');
      const { rows } = await blocker.query<{ pid: number }>(
        "select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and wait_event_type = 'Lock'",
        [dbName],
      );
      waiting = rows.map((r) => r.pid);
      if (!waiting.length) await new Promise((r) => setTimeout(r, 25));
    }
    expect(waiting).toHaveLength(1);
    // The blocked transaction has already replaced the rules (not visible outside it until commit).
    const { rows: held } = await blocker.query<{ n: number }>(
      "select count(*)::int as n from pg_locks l join pg_class c on c.oid = l.relation where l.pid = $1 and c.relname = 'availability_rules' and l.mode = 'RowExclusiveLock'",
      [waiting[0]],
    );
    expect(held[0].n).toBe(1);

    // Every backend of the app's database but ours: the one mid-request and the pool's idle ones.
    await blocker.query('select pg_stat_clear_snapshot()');
    const { rows: killed } = await blocker.query<{ ok: boolean }>(
      'select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [dbName],
    );
    expect(killed.length).toBeGreaterThanOrEqual(1);
    await blocker.query('rollback');
    await blocker.end();

    const res = await save;
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/try again/) });

    // All or nothing: the old rules and settings, none of the new ones.
    expect(await counts()).toEqual({ rules: 2, weekdays: [1, 2], buffer: 5 });
    // The process is alive and the pool replaced its connections: the same save now succeeds.
    expect((await call('GET')).status).toBe(200);
    expect((await call('PUT', after)).status).toBe(200);
    expect(await counts()).toEqual({ rules: 3, weekdays: [3, 4, 5], buffer: 20 });
  });

  it('survives idle pooled connections being terminated, and does not reuse a dead one', async () => {
    // Fill the pool with idle connections.
    await Promise.all(Array.from({ length: 4 }, () => t.db.query('select pg_sleep(0.05)')));
    const c = await admin();
    const { rows } = await c.query<{ ok: boolean }>(
      'select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [dbName],
    );
    expect(rows.length).toBeGreaterThanOrEqual(1);
    await c.end();
    await new Promise((r) => setTimeout(r, 200)); // the idle clients' error events arrive
    for (let i = 0; i < 8; i++) expect((await t.db.query<{ one: number }>('select 1 as one')).rows[0].one).toBe(1);
    // Transactions get healthy clients too.
    expect(await t.db.transaction(async (tx) => (await tx.query<{ one: number }>('select 1 as one')).rows[0].one)).toBe(1);
  });

  it('rolls a plain transaction back when its backend dies between statements, and destroys that client', async () => {
    await t.db.exec('create table if not exists public.drop_probe (n int not null)');
    const c = await admin();
    let pid = 0;
    const tx = t.db.transaction(async (q) => {
      await q.query('insert into public.drop_probe values (1)');
      pid = (await q.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
      await q.query('select pg_sleep(5)');
      await q.query('insert into public.drop_probe values (2)');
    });
    // Observe the failure now: it can arrive while the admin connection is still closing, and a rejection nobody
    // handles by then is reported as unhandled even if it is awaited later.
    const failure = tx.then(
      () => null,
      (e: unknown) => e,
    );
    for (let i = 0; i < 200 && !pid; i++) await new Promise((r) => setTimeout(r, 10));
    await c.query('select pg_terminate_backend($1)', [pid]);
    await c.end();
    const err = await failure;
    expect(appErrorFromPg(err)?.status).toBe(503);
    expect((await t.db.query<{ n: number }>('select count(*)::int as n from public.drop_probe')).rows[0].n).toBe(0);
    // No later query lands on the dead connection.
    for (let i = 0; i < 8; i++) await t.db.transaction((q) => q.query('insert into public.drop_probe values (3)'));
    expect((await t.db.query<{ n: number }>('select count(*)::int as n from public.drop_probe')).rows[0].n).toBe(8);
  });
});
