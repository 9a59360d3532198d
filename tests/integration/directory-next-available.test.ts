import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createMemoryCache } from '@/lib/cache/cache';
import { withAnon, withUser } from '@/lib/db';
import { getExpertSlots, type TSlotQuery } from '@/lib/availability/get-expert-slots';
import type { TSlot } from '@/lib/availability/types';
import { refreshAllNextAvailable, refreshNextAvailable } from '@/lib/experts/refresh-next-available';
import { searchExperts } from '@/lib/experts/search-experts';
import { ZExpertSearch } from '@/lib/experts/search-schema';
import { cachedDirectory } from '@/lib/experts/expert-cache';
import { createUser } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';

// The directory's next free time (expert_profiles.next_available_at): refreshNextAvailable stores the first slot
// of the shortest offering within the horizon, "available this week" filters by it, and a change drops the cache.
let t: TTestDb;
const holder = globalThis as unknown as { __pathwiseCache?: unknown };
const NOW = Date.now();
const H = 3_600_000;
const DAY = 24 * H;
const search = (q: Record<string, string>) => withAnon(t.db, (tx) => searchExperts(tx, ZExpertSearch.parse(q)));
const slugs = (r: { items: { slug: string }[] }) => r.items.map((x) => x.slug).sort();
let soon: string;
let later: string;
let none: string;

async function expert(slug: string, offerings: [number, number][], horizonDays?: number): Promise<string> {
  const u: TSessionUser = await createUser(t.db, { role: 'expert', name: slug });
  const { rows } = await t.db.query<{ id: string }>(
    `insert into public.expert_profiles (user_id, slug, display_name, headline, bio, specialties, tags, languages, status, hidden, timezone, min_price_minor, price_currency)
     values ($1, $2, $2, 'Coach', 'Patient.', array['SQL'], '{}', array['en'], 'approved', false, 'Europe/Berlin', 3000, 'EUR') returning id`,
    [u.id, slug],
  );
  for (const [minutes, price] of offerings) {
    await t.db.query(
      `insert into public.expert_offerings (expert_id, duration_minutes, price_minor, currency) values ($1, $2, $3, 'EUR')`,
      [rows[0].id, minutes, price],
    );
  }
  if (horizonDays)
    await t.db.query('insert into public.availability_settings (expert_id, horizon_days) values ($1, $2)', [rows[0].id, horizonDays]);
  return rows[0].id;
}

// Slots as getExpertSlots would give them: every expert's free starts, whatever the length asked for.
const calls: (TSlotQuery & { expertId: string })[] = [];
function fakeSlots(free: Record<string, number[]>) {
  return async (_db: unknown, expertId: string, q: TSlotQuery): Promise<TSlot[]> => {
    calls.push({ ...q, expertId });
    return (free[expertId] ?? []).filter((s) => s >= q.from && s < q.to).map((start) => ({ start, end: start + q.lengthMinutes * 60_000 }));
  };
}
const nextOf = async (id: string) =>
  (await t.db.query<{ at: Date | null }>('select next_available_at as at from public.expert_profiles where id = $1', [id])).rows[0].at;

beforeAll(async () => {
  t = await createTestDb();
  soon = await expert('next-soon', [
    [60, 5000],
    [30, 3000],
  ]);
  later = await expert('next-later', [[45, 4000]], 30);
  none = await expert('next-none', []);
});
afterAll(async () => {
  await t.drop();
});
beforeEach(() => {
  holder.__pathwiseCache = createMemoryCache();
  calls.length = 0;
});

describe('refreshNextAvailable', () => {
  it('stores the first slot of the shortest offering, searching the horizon a window at a time', async () => {
    const free = { [soon]: [NOW + 30 * H, NOW + 5 * H, NOW + 50 * H], [later]: [NOW + 20 * DAY] };
    expect(await refreshNextAvailable(t.db, soon, { getSlots: fakeSlots(free), now: NOW })).toBe(true);
    expect((await nextOf(soon))?.getTime()).toBe(NOW + 5 * H);
    // The shortest offering (30 minutes, not 60) is the length asked for; the first window starts now.
    expect(calls[0]).toMatchObject({ expertId: soon, lengthMinutes: 30, from: NOW, now: NOW, to: NOW + 14 * DAY });

    await refreshNextAvailable(t.db, later, { getSlots: fakeSlots(free), now: NOW });
    expect((await nextOf(later))?.getTime()).toBe(NOW + 20 * DAY);
    // Two windows: the first 14 days were empty, the second found it (no third is asked for).
    expect(calls.filter((c) => c.expertId === later).map((c) => [c.from - NOW, c.to - NOW, c.lengthMinutes])).toEqual([
      [0, 14 * DAY, 45],
      [14 * DAY, 28 * DAY, 45],
    ]);
  });

  it('stores null when nothing is free within the horizon, or the expert offers nothing', async () => {
    await refreshNextAvailable(t.db, later, { getSlots: fakeSlots({ [later]: [NOW + 31 * DAY] }), now: NOW });
    expect(await nextOf(later)).toBeNull();
    // The last window ends at the expert's 30-day horizon: a slot after it is not asked for.
    expect(calls.map((c) => [c.from - NOW, c.to - NOW])).toEqual([
      [0, 14 * DAY],
      [14 * DAY, 28 * DAY],
      [28 * DAY, 30 * DAY],
    ]);
    expect(await refreshNextAvailable(t.db, none, { getSlots: fakeSlots({ [none]: [NOW + H] }), now: NOW })).toBe(false);
    expect(await nextOf(none)).toBeNull();
    expect(calls.filter((c) => c.expertId === none)).toEqual([]); // no offering: no slots asked for
  });

  it('drops the cached directory only when the time changed', async () => {
    const free = { [soon]: [NOW + 5 * H] };
    await refreshNextAvailable(t.db, soon, { getSlots: fakeSlots(free), now: NOW });
    let computed = 0;
    const cached = () => cachedDirectory('probe', async () => ++computed);
    expect(await cached()).toBe(1);
    expect(await refreshNextAvailable(t.db, soon, { getSlots: fakeSlots(free), now: NOW })).toBe(false);
    expect(await cached()).toBe(1); // unchanged: the cache stays
    expect(await refreshNextAvailable(t.db, soon, { getSlots: fakeSlots({ [soon]: [NOW + 6 * H] }), now: NOW })).toBe(true);
    expect(await cached()).toBe(2); // changed: a new generation
  });

  it('the recurring refresh covers every approved expert and survives one failing', async () => {
    const ok = fakeSlots({ [soon]: [NOW + 2 * H], [later]: [NOW + 3 * DAY] });
    const flaky = async (db: unknown, id: string, q: TSlotQuery) => {
      if (id === soon) throw new Error('boom');
      return ok(db, id, q);
    };
    expect(await refreshAllNextAvailable(t.db, { getSlots: flaky, now: NOW })).toBe(1);
    expect((await nextOf(later))?.getTime()).toBe(NOW + 3 * DAY);
    expect(await refreshAllNextAvailable(t.db, { getSlots: ok, now: NOW })).toBe(1);
    expect((await nextOf(soon))?.getTime()).toBe(NOW + 2 * H);
  });
});

describe('with the real slots (getExpertSlots)', () => {
  it('stores the first free 30-minute slot of weekly hours, after the minimum notice; none without hours', async () => {
    await t.db.query('delete from public.availability_settings where expert_id = $1', [soon]);
    for (let weekday = 1; weekday <= 7; weekday++) {
      await t.db.query('insert into public.availability_rules (expert_id, weekday, start_minute, end_minute) values ($1, $2, 540, 1020)', [
        soon,
        weekday,
      ]);
    }
    await t.db.query('update public.expert_profiles set next_available_at = null where id = $1', [soon]);
    const now = Date.now();
    expect(await refreshNextAvailable(t.db, soon, { now })).toBe(true);
    const stored = (await nextOf(soon))!.getTime();
    const [first] = await getExpertSlots(t.db, soon, { from: now, to: now + 14 * DAY, lengthMinutes: 30, now });
    expect(stored).toBe(first.start);
    expect(stored).toBeGreaterThanOrEqual(now + 4 * H); // the default 240-minute notice
    expect(stored - now).toBeLessThan(2 * DAY); // hours every day
    const berlin = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(stored);
    expect(berlin >= '09:00' && berlin <= '16:30').toBe(true);

    await refreshNextAvailable(t.db, later, { now }); // no weekly hours at all
    expect(await nextOf(later)).toBeNull();
  });
});

describe('avail=week', () => {
  it('lists only experts whose next free time is within 7 days, and carries the time on the card', async () => {
    await t.db.query(`update public.expert_profiles set next_available_at = now() + interval '2 days' where id = $1`, [soon]);
    await t.db.query(`update public.expert_profiles set next_available_at = now() + interval '8 days' where id = $1`, [later]);
    await t.db.query(`update public.expert_profiles set next_available_at = null where id = $1`, [none]);
    expect(slugs(await search({}))).toEqual(['next-later', 'next-none', 'next-soon']);
    const week = await search({ avail: 'week' });
    expect(slugs(week)).toEqual(['next-soon']);
    expect(week.items[0].next_available_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(week.items[0].next_available_at!) - Date.now()).toBeGreaterThan(DAY);
    await t.db.query(`update public.expert_profiles set next_available_at = now() + interval '6 days 23 hours' where id = $1`, [later]);
    expect(slugs(await search({ avail: 'week', sort: 'rating' }))).toEqual(['next-later', 'next-soon']);
  });
});

describe('who writes it', () => {
  it('an expert cannot set their own next free time (it is computed), nor lift a pause', async () => {
    const { rows } = await t.db.query<{ user_id: string }>('select user_id from public.expert_profiles where id = $1', [soon]);
    const owner = { id: rows[0].user_id, role: 'expert' as const };
    await expect(
      withUser(t.db, owner, (tx) => tx.query(`update public.expert_profiles set next_available_at = now() where id = $1`, [soon])),
    ).rejects.toThrow(/row-level security/);
    await t.db.query(`update public.expert_profiles set paused_until = now() + interval '1 day' where id = $1`, [soon]);
    await expect(
      withUser(t.db, owner, (tx) => tx.query(`update public.expert_profiles set paused_until = null where id = $1`, [soon])),
    ).rejects.toThrow(/row-level security/);
    await t.db.query('update public.expert_profiles set paused_until = null where id = $1', [soon]);
  });
});
