import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/experts/[slug]/slots/route';
import { getExpertSlots, isSlotOffered } from '@/lib/availability/get-expert-slots';
import { addDays, wallParts, wallToInstant } from '@/lib/availability/zoned-time';
import type { TSessionUser } from '@/lib/auth/schemas';
import type { TSlotsResponse } from '@/lib/booking/contract';
import { createMemoryCache } from '@/lib/cache/cache';
import { fastLane } from '@/lib/http/fast-lane';
import { publishSlotsChanged } from '@/lib/realtime/publish-slots';
import { createExpertProfile, createUser } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';

// The slots API on the real route handler and a migrated database (PGlite, or TEST_DATABASE_URL's server).
let t: TTestDb;
let learner: TSessionUser;
let expert: { id: string; slug: string };
const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown>; __pathwiseCache?: unknown };
const NY = 'America/New_York';
const HOUR = 3_600_000;

// A Monday at least 3 days ahead (the route measures notice and horizon from the real clock).
const monday = (() => {
  let d = addDays(new Date().toISOString().slice(0, 10), 3);
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 1) d = addDays(d, 1);
  return d;
})();
const nextMonday = addDays(monday, 7);
/** The instant of a wall time in New York on `monday` + dayOffset. */
const ny = (dayOffset: number, hour: number, minute = 0) => {
  const [y, m, d] = addDays(monday, dayOffset).split('-').map(Number);
  return wallToInstant(NY, Date.UTC(y, m - 1, d, hour, minute));
};
const iso = (n: number) => new Date(n).toISOString();

async function get(slug: string, qs: Record<string, string>) {
  const res = await GET(new NextRequest(`http://localhost/api/experts/${slug}/slots?${new URLSearchParams(qs)}`), {
    params: Promise.resolve({ slug }),
  });
  return { res, body: (await res.json()) as TSlotsResponse & { error?: { code: string; fields?: Record<string, string> } } };
}
const week = (extra: Record<string, string> = {}) => get(expert.slug, { from: monday, to: nextMonday, length: '60', tz: NY, ...extra });

async function book(start: number, minutes: number, extra: { status?: string; holdExpiresAt?: string | null; bufferAfter?: number } = {}) {
  const { rows } = await t.db.query<{ id: string }>(
    `insert into public.bookings (expert_id, learner_id, starts_at, ends_at, duration_minutes, buffer_after_minutes, status, hold_expires_at, price_minor, currency)
     values ($1, $2, $3, $4, $5, $6, $7, $8, 5000, 'USD') returning id`,
    [
      expert.id,
      learner.id,
      iso(start),
      iso(start + minutes * 60_000),
      minutes,
      extra.bufferAfter ?? 0,
      extra.status ?? 'confirmed',
      extra.holdExpiresAt ?? null,
    ],
  );
  return rows[0].id;
}

beforeAll(async () => {
  t = await createTestDb();
  holder.__pathwiseDb = Promise.resolve(t.db);
  holder.__pathwiseCache = createMemoryCache();
  learner = await createUser(t.db, { role: 'learner' });
  const user = await createUser(t.db, { role: 'expert' });
  expert = await createExpertProfile(t.db, user.id);
  await t.db.query(`update public.expert_profiles set timezone = $2 where id = $1`, [expert.id, NY]);
  await t.db.query(
    `insert into public.expert_offerings (expert_id, duration_minutes, price_minor, currency) values ($1, 60, 9000, 'USD'), ($1, 30, 5000, 'USD')`,
    [expert.id],
  );
  // Monday to Friday 09:00–17:00 New York time; hourly steps, no notice.
  for (let weekday = 1; weekday <= 5; weekday++) {
    await t.db.query('insert into public.availability_rules (expert_id, weekday, start_minute, end_minute) values ($1, $2, 540, 1020)', [
      expert.id,
      weekday,
    ]);
  }
  await t.db.query(
    'insert into public.availability_settings (expert_id, min_notice_minutes, horizon_days, slot_interval_minutes) values ($1, 0, 365, 60)',
    [expert.id],
  );
});
afterAll(async () => {
  holder.__pathwiseDb = undefined;
  await t.drop();
});
beforeEach(async () => {
  await t.db.query('delete from public.bookings where expert_id = $1', [expert.id]);
  await t.db.query('delete from public.busy_blocks where expert_id = $1', [expert.id]);
  await t.db.query('delete from public.availability_overrides where expert_id = $1', [expert.id]);
  await t.db.query('update public.expert_profiles set hidden = false, status = $2, paused_until = null where id = $1', [
    expert.id,
    'approved',
  ]);
});

describe('GET /api/experts/:slug/slots', () => {
  it('answers a week of slots in the expert zone, as UTC instants, never cached', async () => {
    const { res, body } = await week({ tz: 'Asia/Kolkata', from: addDays(monday, 1), to: addDays(nextMonday, 1) });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(body).toMatchObject({
      expertTimeZone: NY,
      timeZone: 'Asia/Kolkata',
      lengthMinutes: 60,
      offerings: [
        { lengthMinutes: 30, priceMinor: 5000, currency: 'USD' },
        { lengthMinutes: 60, priceMinor: 9000, currency: 'USD' },
      ],
    });
    // Tuesday 00:00 in Kolkata is Monday 13:30 in New York (14:30 in summer), and the range ends the next
    // Monday at that time: Monday's last hours, Tuesday–Friday, and the next Monday's first hours (8 × 5 in all).
    const kolkata = (date: string) => wallToInstant('Asia/Kolkata', Date.parse(`${date}T00:00:00Z`));
    const firstHour = [9, 10, 11, 12, 13, 14, 15, 16].find((h) => ny(0, h) >= kolkata(addDays(monday, 1)))!;
    expect(body.slots).toHaveLength(40);
    expect(body.slots[0].start).toBe(iso(ny(0, firstHour)));
    expect(Date.parse(body.slots.at(-1)!.start)).toBeLessThan(kolkata(addDays(nextMonday, 1)));
    for (const s of body.slots) {
      const w = wallParts(NY, Date.parse(s.start));
      expect(w.hour).toBeGreaterThanOrEqual(9);
      expect(w.hour).toBeLessThanOrEqual(16);
      expect(w.minute).toBe(0);
      expect(Date.parse(s.end) - Date.parse(s.start)).toBe(HOUR);
    }
  });

  it('reads from/to as local dates in tz (from inclusive, to exclusive)', async () => {
    const { body } = await week();
    expect(body.slots).toHaveLength(5 * 8);
    expect(body.slots[0].start).toBe(iso(ny(0, 9)));
    expect(body.slots.at(-1)!.start).toBe(iso(ny(4, 16)));
    const oneDay = await get(expert.slug, { from: monday, to: addDays(monday, 1), length: '60', tz: NY });
    expect(oneDay.body.slots).toHaveLength(8);
  });

  it('defaults to the shortest offering, and today + 31 days', async () => {
    const { res, body } = await get(expert.slug, {});
    expect(res.status).toBe(200);
    expect(body.lengthMinutes).toBe(30);
    expect(body.timeZone).toBe('UTC');
    expect(body.slots.length).toBeGreaterThan(0);
    for (const s of body.slots) expect(Date.parse(s.end) - Date.parse(s.start)).toBe(30 * 60_000);
    expect(Date.parse(body.slots.at(-1)!.start)).toBeLessThan(Date.now() + 32 * 24 * HOUR);
  });

  it('refuses a length the expert does not offer, and bad dates or zones, with field messages', async () => {
    const notOffered = await week({ length: '45' });
    expect(notOffered.res.status).toBe(400);
    expect(notOffered.body.error).toMatchObject({
      code: 'invalid_input',
      fields: { length: 'Choose one of the session lengths offered: 30, 60 minutes.' },
    });
    const bad = await get(expert.slug, { from: '2026-02-30', length: 'ten', tz: 'Nowhere/City' });
    expect(bad.res.status).toBe(400);
    expect(Object.keys(bad.body.error!.fields!).sort()).toEqual(['from', 'length', 'tz']);
    const backwards = await week({ from: nextMonday, to: monday });
    expect(backwards.body.error?.fields).toEqual({ to: 'The end date must be after the start date.' });
    const tooLong = await week({ to: addDays(monday, 63) });
    expect(tooLong.body.error?.fields).toEqual({ to: 'Ask for at most 62 days at a time.' });
    expect((await week({ to: addDays(monday, 62) })).res.status).toBe(200);
  });

  it('is 404 for an unknown slug or an expert not listed (hidden, not approved)', async () => {
    expect((await get('nobody-here', {})).res.status).toBe(404);
    await t.db.query('update public.expert_profiles set hidden = true where id = $1', [expert.id]);
    expect((await week()).res.status).toBe(404);
    await t.db.query(`update public.expert_profiles set hidden = false, status = 'submitted' where id = $1`, [expert.id]);
    const pending = await week();
    expect(pending.res.status).toBe(404);
    expect(pending.body.error?.code).toBe('not_found');
  });

  it('a paused expert stays listed but offers nothing until paused_until', async () => {
    await t.db.query(`update public.expert_profiles set paused_until = now() + interval '1 day' where id = $1`, [expert.id]);
    const paused = await week();
    expect(paused.res.status).toBe(200);
    expect(paused.body.slots).toEqual([]);
    await t.db.query(`update public.expert_profiles set paused_until = now() - interval '1 minute' where id = $1`, [expert.id]);
    expect((await week()).body.slots).toHaveLength(40);
  });
});

describe('what takes a slot away', () => {
  const starts = async () => (await week()).body.slots.map((s) => s.start);

  it('a confirmed booking with its buffers, and a live hold; not an expired hold or a cancelled booking', async () => {
    await book(ny(0, 10), 60, { bufferAfter: 30 }); // blocks 10:00–11:30
    await book(ny(1, 13), 60, { status: 'held', holdExpiresAt: iso(Date.now() + 15 * 60_000) });
    await book(ny(2, 13), 60, { status: 'held', holdExpiresAt: iso(Date.now() - 60_000) });
    await book(ny(3, 13), 60, { status: 'cancelled' });
    const s = await starts();
    expect(s).toHaveLength(40 - 3);
    expect(s).not.toContain(iso(ny(0, 10)));
    expect(s).not.toContain(iso(ny(0, 11)));
    expect(s).toContain(iso(ny(0, 12)));
    expect(s).not.toContain(iso(ny(1, 13)));
    expect(s).toContain(iso(ny(2, 13)));
    expect(s).toContain(iso(ny(3, 13)));
  });

  it('the expert buffers apply around the new slot too', async () => {
    await book(ny(0, 12), 60);
    await t.db.query('update public.availability_settings set buffer_before_minutes = 15 where expert_id = $1', [expert.id]);
    try {
      const s = await starts();
      expect(s).not.toContain(iso(ny(0, 13))); // 12:45 buffer overlaps the booking
      expect(s).toContain(iso(ny(0, 11)));
      expect(s).toHaveLength(40 - 2);
    } finally {
      await t.db.query('update public.availability_settings set buffer_before_minutes = 0 where expert_id = $1', [expert.id]);
    }
  });

  it('busy blocks and a day-off override', async () => {
    await t.db.query('insert into public.busy_blocks (expert_id, starts_at, ends_at) values ($1, $2, $3)', [
      expert.id,
      iso(ny(0, 9, 30)),
      iso(ny(0, 9, 45)),
    ]);
    await t.db.query('insert into public.availability_overrides (expert_id, date) values ($1, $2)', [expert.id, addDays(monday, 2)]);
    await t.db.query('insert into public.availability_overrides (expert_id, date, start_minute, end_minute) values ($1, $2, 1080, 1200)', [
      expert.id,
      addDays(monday, 5),
    ]);
    const s = await starts();
    expect(s).not.toContain(iso(ny(0, 9)));
    expect(
      s.filter((x) => x.startsWith(addDays(monday, 2)) && wallParts(NY, Date.parse(x)).day === Number(addDays(monday, 2).slice(8))),
    ).toEqual([]);
    expect(s).toContain(iso(ny(5, 18))); // Saturday 18:00–20:00 by override
    expect(s).toContain(iso(ny(5, 19)));
    expect(s).toHaveLength(40 - 1 - 8 + 2);
  });
});

describe('getExpertSlots and isSlotOffered (for the booking code)', () => {
  it('a rescheduled booking does not block its own time; isSlotOffered checks one exact start', async () => {
    const id = await book(ny(0, 10), 60);
    const q = { from: ny(0, 0), to: ny(1, 0), lengthMinutes: 60 };
    expect((await getExpertSlots(t.db, expert.id, q)).map((s) => s.start)).not.toContain(ny(0, 10));
    expect((await getExpertSlots(t.db, expert.id, { ...q, ignoreBookingId: id })).map((s) => s.start)).toContain(ny(0, 10));
    expect(await isSlotOffered(t.db, expert.id, ny(0, 10), 60)).toBe(false);
    expect(await isSlotOffered(t.db, expert.id, ny(0, 10), 60, { ignoreBookingId: id })).toBe(true);
    expect(await isSlotOffered(t.db, expert.id, ny(0, 11), 60)).toBe(true);
    expect(await isSlotOffered(t.db, expert.id, ny(0, 11, 30), 60)).toBe(false); // not a step
    expect(await isSlotOffered(t.db, expert.id, ny(0, 16, 30), 30)).toBe(false); // interval is 60
    expect(await isSlotOffered(t.db, expert.id, ny(0, 11), 60, { now: ny(0, 9) })).toBe(true);
    expect(await isSlotOffered(t.db, expert.id, ny(0, 11), 60, { now: ny(0, 12) })).toBe(false); // in the past
  });

  it('the daily maximum counts live bookings on the expert local day', async () => {
    await t.db.query('update public.availability_settings set max_per_day = 1 where expert_id = $1', [expert.id]);
    try {
      await book(ny(0, 9), 60);
      const day0 = await getExpertSlots(t.db, expert.id, { from: ny(0, 0), to: ny(2, 0), lengthMinutes: 60 });
      expect(day0.every((s) => s.start >= ny(1, 0))).toBe(true);
      expect(day0).toHaveLength(8);
    } finally {
      await t.db.query('update public.availability_settings set max_per_day = null where expert_id = $1', [expert.id]);
    }
  });

  it('returns [] for an unknown expert', async () => {
    expect(await getExpertSlots(t.db, '00000000-0000-0000-0000-000000000000', { from: ny(0, 0), to: ny(7, 0), lengthMinutes: 60 })).toEqual(
      [],
    );
  });
});

describe('the fast lane (server/main.mjs, before Next) answers the same as the route', () => {
  it('same body, status and headers; errors in the same shape; Next never sees it', async () => {
    const seen: string[] = [];
    const server = createServer(
      (req, res) =>
        void fastLane(req, res, async (r, s) => {
          seen.push(r.url!);
          s.writeHead(418).end();
        }),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await book(ny(0, 10), 60);
      const qs = new URLSearchParams({ from: monday, to: nextMonday, length: '60', tz: 'Asia/Kolkata' });
      const lane = await fetch(`${base}/api/experts/${expert.slug}/slots?${qs}`);
      const viaRoute = await get(expert.slug, Object.fromEntries(qs));
      expect(lane.status).toBe(200);
      expect(lane.headers.get('cache-control')).toBe('no-store');
      expect(lane.headers.get('content-type')).toBe('application/json');
      expect(await lane.json()).toEqual(viaRoute.body);
      const missing = await fetch(`${base}/api/experts/nobody-here/slots`);
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
      const bad = await fetch(`${base}/api/experts/${expert.slug}/slots?tz=Nowhere&length=45`);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({
        tz: 'Choose a time zone, like Europe/Berlin.',
      });
      const nul = await fetch(`${base}/api/experts/${expert.slug}/slots?tz=UTC%00`);
      expect(nul.status).toBe(400);
      expect(seen).toEqual([]);
      expect((await fetch(`${base}/api/experts/${expert.slug}/slots/extra`)).status).toBe(418); // not the slots API: Next's
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('keeps an answer for identical requests until a slot change is published (the watchers refetch a fresh one)', async () => {
    const server = createServer((req, res) => void fastLane(req, res, async (_r, s) => void s.writeHead(418).end()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const starts = async (qs: Record<string, string>) =>
      ((await (await fetch(`${base}/api/experts/${expert.slug}/slots?${new URLSearchParams(qs)}`)).json()) as TSlotsResponse).slots.map(
        (x) => x.start,
      );
    try {
      const qs = { from: monday, to: nextMonday, length: '60', tz: 'Europe/Berlin' };
      const before = await starts(qs);
      expect(before).toContain(iso(ny(1, 11)));
      await book(ny(1, 11), 60); // written without publishing: the kept answer still offers it
      expect(await starts(qs)).toEqual(before);
      expect(await starts({ ...qs, tz: 'Europe/Paris' })).not.toContain(iso(ny(1, 11))); // another request: computed now
      publishSlotsChanged(expert.id);
      await new Promise((r) => setTimeout(r, 20));
      expect(await starts(qs)).not.toContain(iso(ny(1, 11)));
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
