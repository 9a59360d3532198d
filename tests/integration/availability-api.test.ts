import { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET as getWeek } from '@/app/api/expert/availability/week/route';
import { GET, PUT } from '@/app/api/expert/availability/route';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createSession } from '@/lib/auth/sessions';
import { DEFAULT_AVAILABILITY_SETTINGS } from '@/lib/availability/types';
import { weekRange } from '@/lib/availability/week-range';
import { createMemoryCache } from '@/lib/cache/cache';
import { withUser } from '@/lib/db';
import { DEMO_EXPERTS } from '@/lib/seed/demo-data';
import { seedAvailability } from '@/lib/seed/seed-availability';
import { seedDemoIfEmpty } from '@/lib/seed/seed-demo';
import { createExpertProfile, createUser } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';
import { refreshNextAvailable } from '@/lib/experts/refresh-next-available';
import { publishSlotsChanged } from '@/lib/realtime/publish-slots';

// What a save tells the rest of the app, watched here (their own tests cover what they do).
vi.mock('@/lib/realtime/publish-slots', () => ({ publishSlotsChanged: vi.fn() }));
vi.mock('@/lib/experts/refresh-next-available', () => ({ refreshNextAvailable: vi.fn(async () => {}) }));

// The availability editor's API on real route handlers and a real database (RLS included).
let t: TTestDb;
let expertA: TSessionUser;
let expertB: TSessionUser;
let learner: TSessionUser;
let admin: TSessionUser;
let profileA: { id: string };
const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown>; __pathwiseCache?: unknown };
const BASE = 'http://localhost:3000';
const none = { params: Promise.resolve({}) };
const DAY_MS = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY_MS).toISOString().slice(0, 10);

const cookieFor = async (u: TSessionUser | null) => (u ? `pw_session=${(await createSession(t.db, u.id, 1)).token}` : '');
async function call(method: 'GET' | 'PUT', user: TSessionUser | null, body?: unknown) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const req = new NextRequest(`${BASE}/api/expert/availability`, {
    method,
    body: payload,
    headers: {
      host: 'localhost:3000',
      origin: BASE,
      'sec-fetch-site': 'same-origin',
      cookie: await cookieFor(user),
      ...(payload ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}),
    },
  });
  const res = await (method === 'GET' ? GET : PUT)(req, none);
  return {
    status: res.status,
    body: (await res.json()) as { availability?: Record<string, unknown>; error?: { code: string; fields?: Record<string, string> } },
  };
}

const week = (days: Record<number, [number, number][]>) =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    weekday,
    ranges: (days[weekday] ?? []).map(([startMinute, endMinute]) => ({ startMinute, endMinute })),
  }));

const valid = () => ({
  weekly: week({
    1: [
      [540, 720],
      [780, 1020],
    ],
    3: [[600, 660]],
    6: [[600, 840]],
  }),
  overrides: [
    { date: inDays(10), ranges: [] },
    {
      date: inDays(12),
      ranges: [
        { startMinute: 480, endMinute: 600 },
        { startMinute: 1320, endMinute: 1440 },
      ],
    },
  ],
  settings: {
    bufferBeforeMinutes: 10,
    bufferAfterMinutes: 15,
    minNoticeMinutes: 120,
    horizonDays: 30,
    maxPerDay: 4,
    slotIntervalMinutes: 15,
  },
});

beforeAll(async () => {
  t = await createTestDb();
  holder.__pathwiseDb = Promise.resolve(t.db);
  holder.__pathwiseCache = createMemoryCache();
  [expertA, expertB, learner, admin] = await Promise.all([
    createUser(t.db, { role: 'expert' }),
    createUser(t.db, { role: 'expert' }),
    createUser(t.db, { role: 'learner' }),
    createUser(t.db, { role: 'admin' }),
  ]);
  profileA = await createExpertProfile(t.db, expertA.id);
  await createExpertProfile(t.db, expertB.id);
  await t.db.query("update public.expert_profiles set timezone = 'America/New_York' where id = $1", [profileA.id]);
});
afterAll(async () => {
  holder.__pathwiseDb = undefined;
  await t.drop();
});

describe('GET/PUT /api/expert/availability', () => {
  beforeEach(() => vi.clearAllMocks());

  it('starts empty with the default settings, in the expert’s zone', async () => {
    const res = await call('GET', expertA);
    expect(res.status).toBe(200);
    expect(res.body.availability).toMatchObject({ timeZone: 'America/New_York', overrides: [], settings: DEFAULT_AVAILABILITY_SETTINGS });
    expect(res.body.availability?.weekly).toEqual(week({}));
  });

  it('saves weekly hours, overrides and settings, and reads them back the same', async () => {
    const input = valid();
    const saved = await call('PUT', expertA, input);
    expect(saved.status).toBe(200);
    expect(publishSlotsChanged).toHaveBeenCalledWith(profileA.id);
    expect(refreshNextAvailable).toHaveBeenCalledWith(expect.anything(), profileA.id);
    const read = await call('GET', expertA);
    expect(read.body.availability).toMatchObject(input);
    // A second save replaces (not adds to) the rows.
    const fewer = { ...input, weekly: week({ 2: [[600, 700]] }), overrides: [] };
    expect((await call('PUT', expertA, fewer)).status).toBe(200);
    expect((await call('GET', expertA)).body.availability).toMatchObject(fewer);
    const { rows } = await t.db.query<{ n: number }>('select count(*)::int as n from public.availability_rules where expert_id = $1', [
      profileA.id,
    ]);
    expect(rows[0].n).toBe(1);
    expect((await call('PUT', expertA, input)).status).toBe(200);
  });

  it('refuses overlapping ranges with 400 on the later range’s field, keeping what was saved', async () => {
    const bad = valid();
    bad.weekly[0].ranges.push({ startMinute: 690, endMinute: 750 });
    const res = await call('PUT', expertA, bad);
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('invalid_input');
    expect(res.body.error?.fields).toEqual({ 'weekly.0.ranges.2.startMinute': 'This range overlaps 09:00–12:00.' });
    expect(publishSlotsChanged).not.toHaveBeenCalled();
    expect((await call('GET', expertA)).body.availability).toMatchObject(valid());
  });

  it('refuses an end before its start, more than 12 ranges a day, duplicate or far-off override dates', async () => {
    const backwards = valid();
    backwards.weekly[5].ranges = [{ startMinute: 900, endMinute: 600 }];
    expect((await call('PUT', expertA, backwards)).body.error?.fields).toEqual({
      'weekly.5.ranges.0.endMinute': 'The end must be after the start.',
    });

    const crowded = valid();
    crowded.weekly[1].ranges = Array.from({ length: 13 }, (_, i) => ({ startMinute: i * 60, endMinute: i * 60 + 30 }));
    expect((await call('PUT', expertA, crowded)).body.error?.fields).toEqual({ 'weekly.1.ranges': 'Use at most 12 time ranges a day.' });

    const twice = valid();
    twice.overrides.push({ date: inDays(10), ranges: [] });
    expect((await call('PUT', expertA, twice)).body.error?.fields).toEqual({
      'overrides.2.date': 'Another override already uses this date.',
    });

    const far = valid();
    far.overrides[0].date = inDays(400);
    expect((await call('PUT', expertA, far)).body.error?.fields).toEqual({ 'overrides.0.date': 'Choose a date within the next year.' });

    const settings = valid();
    settings.settings.slotIntervalMinutes = 7;
    expect(Object.keys((await call('PUT', expertA, settings)).body.error?.fields ?? {})).toEqual(['settings.slotIntervalMinutes']);
  });

  it('lets nobody else read or write it: another expert sees their own, a learner, an admin and a visitor are refused', async () => {
    const other = await call('GET', expertB);
    expect(other.status).toBe(200);
    expect(other.body.availability?.weekly).toEqual(week({}));
    expect((await call('PUT', expertB, { ...valid(), weekly: week({ 7: [[0, 60]] }) })).status).toBe(200);
    expect((await call('GET', expertA)).body.availability).toMatchObject(valid());

    for (const [user, status] of [
      [learner, 403],
      [admin, 403],
      [null, 401],
    ] as const) {
      expect((await call('GET', user)).status).toBe(status);
      expect((await call('PUT', user, valid())).status).toBe(status);
    }
    const { rows } = await t.db.query<{ n: number }>('select count(*)::int as n from public.availability_rules where expert_id = $1', [
      profileA.id,
    ]);
    expect(rows[0].n).toBe(4);
  });

  it('the database refuses another expert’s writes too (RLS)', async () => {
    const inserted = withUser(t.db, expertB, (tx) =>
      tx.query('insert into public.availability_rules (expert_id, weekday, start_minute, end_minute) values ($1, 1, 0, 60)', [profileA.id]),
    );
    await expect(inserted).rejects.toThrow(/row-level security/);
    const { affectedRows } = await withUser(t.db, expertB, (tx) =>
      tx.query('delete from public.availability_rules where expert_id = $1', [profileA.id]),
    );
    expect(affectedRows).toBe(0);
  });

  it('an expert without a profile gets 404', async () => {
    const fresh = await createUser(t.db, { role: 'expert' });
    const res = await call('GET', fresh);
    expect(res.status).toBe(404);
    expect((await call('PUT', fresh, valid())).status).toBe(404);
  });
});

describe('GET /api/expert/availability/week', () => {
  const getWeekAs = async (user: TSessionUser | null, qs = '') => {
    const res = await getWeek(
      new NextRequest(`${BASE}/api/expert/availability/week${qs}`, { headers: { host: 'localhost:3000', cookie: await cookieFor(user) } }),
      none,
    );
    return {
      status: res.status,
      body: (await res.json()) as {
        week?: Record<string, unknown> & { days: string[]; bookings: unknown[]; busy: unknown[] };
        error?: { fields?: Record<string, string> };
      },
    };
  };

  it('answers the week from its Monday in the expert’s zone, with live bookings and busy blocks', async () => {
    // Monday 2026-11-23, 15:00 New York = 20:00 UTC.
    await t.db.query(
      `insert into public.bookings (expert_id, learner_id, starts_at, ends_at, duration_minutes, status, hold_expires_at, price_minor, currency)
       values ($1, $2, '2026-11-23T20:00:00Z', '2026-11-23T21:00:00Z', 60, 'held', now() + interval '15 minutes', 5000, 'USD'),
              ($1, $2, '2026-11-24T20:00:00Z', '2026-11-24T21:00:00Z', 60, 'cancelled', null, 5000, 'USD')`,
      [profileA.id, learner.id],
    );
    await t.db.query(
      "insert into public.busy_blocks (expert_id, starts_at, ends_at) values ($1, '2026-11-25T14:00:00Z', '2026-11-25T15:00:00Z')",
      [profileA.id],
    );
    const res = await getWeekAs(expertA, '?start=2026-11-26');
    expect(res.status).toBe(200);
    expect(res.body.week).toMatchObject({
      expertId: profileA.id,
      timeZone: 'America/New_York',
      weekStart: '2026-11-23',
      bookings: [{ status: 'held', start: '2026-11-23T20:00:00.000Z', end: '2026-11-23T21:00:00.000Z', lengthMinutes: 60 }],
      busy: [{ source: 'manual', start: '2026-11-25T14:00:00.000Z' }],
    });
    expect(res.body.week?.days).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
  });

  it('computes the free slots of that week from the saved hours, in the expert’s zone', async () => {
    const res = await getWeekAs(expertA, `?start=${inDays(21)}`);
    const w = res.body.week as unknown as { open: boolean; days: string[]; slots: { lengthMinutes: number; slots: { start: string }[] }[] };
    expect(w.open).toBe(true);
    // No offerings yet: the shortest length stands in.
    expect(w.slots.map((s) => s.lengthMinutes)).toEqual([30]);
    const local = (iso: string) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'America/New_York',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(iso));
    const starts = w.slots[0].slots.map((s) => local(s.start));
    // Monday 09:00–12:00 and 13:00–17:00, Wednesday 10:00–11:00, Saturday 10:00–14:00, every 15 minutes.
    expect(new Set(starts.map((s) => s.slice(0, 3)))).toEqual(new Set(['Mon', 'Wed', 'Sat']));
    expect(starts.filter((s) => s.startsWith('Mon'))).toHaveLength(11 + 15);
    expect(starts.filter((s) => s.startsWith('Wed'))).toEqual(['Wed 10:00', 'Wed 10:15', 'Wed 10:30']);
    expect(starts.find((s) => s.startsWith('Sat'))).toBe('Sat 10:00');
  });

  it('shows another expert none of them, refuses learners and bad dates', async () => {
    const other = await getWeekAs(expertB, '?start=2026-11-23');
    expect(other.body.week).toMatchObject({ bookings: [], busy: [] });
    expect((await getWeekAs(learner, '?start=2026-11-23')).status).toBe(403);
    expect((await getWeekAs(null)).status).toBe(401);
    const bad = await getWeekAs(expertA, '?start=next-week');
    expect(bad.status).toBe(400);
    expect(bad.body.error?.fields).toHaveProperty('start');
  });
});

describe('weekRange', () => {
  it('runs Monday to Monday in the zone, 167 or 169 hours across a DST change, from any day of the week', () => {
    const spring = weekRange('2026-03-11', 'America/New_York');
    expect(spring).toMatchObject({
      weekStart: '2026-03-09',
      from: Date.parse('2026-03-09T04:00:00Z'),
      to: Date.parse('2026-03-16T04:00:00Z'),
    });
    expect(weekRange('2026-03-08', 'America/New_York').weekStart).toBe('2026-03-02');
    expect((weekRange('2026-03-08', 'America/New_York').to - weekRange('2026-03-08', 'America/New_York').from) / 3_600_000).toBe(167);
    expect((weekRange('2026-11-01', 'America/New_York').to - weekRange('2026-11-01', 'America/New_York').from) / 3_600_000).toBe(169);
    expect(weekRange('2026-11-23', 'Asia/Kathmandu')).toMatchObject({
      from: Date.parse('2026-11-22T18:15:00Z'),
      days: expect.arrayContaining(['2026-11-29']),
    });
  });
});

describe('seeded availability', () => {
  it('gives every approved demo expert weekly hours and a 2 h notice, once', async () => {
    const seeded = await createTestDb();
    try {
      expect(await seedDemoIfEmpty(seeded.db)).toBe(true);
      const { rows } = await seeded.db.query<{ slug: string; status: string; rules: number; notice: number | null; sat: boolean }>(
        `select p.slug, p.status, count(r.*)::int as rules, s.min_notice_minutes as notice, bool_or(r.weekday = 6) as sat
           from public.expert_profiles p
           left join public.availability_rules r on r.expert_id = p.id
           left join public.availability_settings s on s.expert_id = p.id
          group by p.slug, p.status, s.min_notice_minutes`,
      );
      const approved = DEMO_EXPERTS.filter((x) => x.status === 'approved').map((x) => x.slug);
      expect(approved.length).toBeGreaterThanOrEqual(8);
      for (const slug of approved) expect(rows.find((r) => r.slug === slug)).toMatchObject({ rules: expect.any(Number), notice: 120 });
      for (const r of rows) expect(r.rules > 0).toBe(r.status === 'approved');
      expect(rows.find((r) => r.slug === 'emily-carter')).toMatchObject({ rules: 10, sat: false });
      expect(rows.some((r) => r.sat)).toBe(true);
      // Idempotent: experts who have rules keep them.
      expect(await seedAvailability(seeded.db)).toBe(0);
      await seeded.db.query(
        "delete from public.availability_rules where expert_id = (select id from public.expert_profiles where slug = 'maya-okafor')",
      );
      expect(await seedAvailability(seeded.db)).toBe(1);
    } finally {
      await seeded.drop();
    }
  });
});
