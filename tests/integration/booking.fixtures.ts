import type { TSessionUser } from '@/lib/auth/schemas';
import type { TSlotQuery } from '@/lib/availability/get-expert-slots';
import type { TQueryable } from '@/lib/db/types';
import type { TSlotSource } from '@/lib/booking/slot-source';
import { createExpertProfile, createUser } from '../support/factories';

// Test fallback for lib/availability (another branch implements getExpertSlots): every 30-minute start of
// every UTC day is offered, from `now` on, unless a live booking (with its buffers) or a busy block overlaps
// it. Enough to exercise the booking rules; the real slot rules have their own tests.
export const everyHalfHourSlotsForTests: TSlotSource = {
  async slots(db: TQueryable, expertId: string, q: TSlotQuery) {
    const now = q.now ?? Date.now();
    const { rows: s } = await db.query<{ before: number; after: number }>(
      'select coalesce(max(buffer_before_minutes), 0)::int as before, coalesce(max(buffer_after_minutes), 0)::int as after from public.availability_settings where expert_id = $1',
      [expertId],
    );
    const { rows: busy } = await db.query<{ f: Date; t: Date }>(
      `select blocked_from as f, blocked_to as t from public.bookings
        where expert_id = $1 and ((status = 'held' and hold_expires_at > $2) or status = 'confirmed') and ($3::uuid is null or id <> $3::uuid)
       union all select starts_at, ends_at from public.busy_blocks where expert_id = $1`,
      [expertId, new Date(now), q.ignoreBookingId ?? null],
    );
    const step = 30 * 60_000;
    const out: { start: number; end: number }[] = [];
    for (let t = Math.ceil(Math.max(q.from, now) / step) * step; t < q.to; t += step) {
      const end = t + q.lengthMinutes * 60_000;
      const from = t - s[0].before * 60_000;
      const to = end + s[0].after * 60_000;
      if (!busy.some((b) => new Date(b.f).getTime() < to && new Date(b.t).getTime() > from)) out.push({ start: t, end });
    }
    return out;
  },
};

/** Offers every half-hour start without looking at bookings: only the exclusion constraint can refuse a race's losers. */
export const blindSlotsForTests: TSlotSource = {
  async slots(_db, _expertId, q) {
    const step = 30 * 60_000;
    const out: { start: number; end: number }[] = [];
    for (let t = Math.ceil(Math.max(q.from, q.now ?? Date.now()) / step) * step; t < q.to; t += step)
      out.push({ start: t, end: t + q.lengthMinutes * 60_000 });
    return out;
  },
};

/** An approved, public expert offering 30/60/90-minute sessions, with their user. */
export async function bookableExpert(db: TQueryable, opts: { timezone?: string; name?: string } = {}) {
  const user = await createUser(db, { role: 'expert', name: opts.name ?? 'Ada Expert' });
  const profile = await createExpertProfile(db, user.id);
  await db.query('update public.expert_profiles set timezone = $2, display_name = $3 where id = $1', [
    profile.id,
    opts.timezone ?? 'America/New_York',
    opts.name ?? 'Ada Expert',
  ]);
  await db.query(
    "insert into public.expert_offerings (expert_id, duration_minutes, price_minor, currency) values ($1, 30, 4000, 'USD'), ($1, 60, 7000, 'USD'), ($1, 90, 9500, 'USD')",
    [profile.id],
  );
  return { user, id: profile.id, slug: profile.slug };
}

export async function learners(db: TQueryable, n: number): Promise<TSessionUser[]> {
  const out: TSessionUser[] = [];
  for (let i = 0; i < n; i++) out.push(await createUser(db, { role: 'learner', name: `Learner ${i}` }));
  return out;
}

export async function counts(db: TQueryable): Promise<Record<string, number>> {
  const { rows } = await db.query<Record<string, number>>(
    `select (select count(*) from public.bookings)::int as bookings,
            (select count(*) from public.booking_events)::int as events,
            (select count(*) from public.outbox_messages)::int as outbox`,
  );
  const out = { ...rows[0] };
  const { rows: jobs } = await db.query<{ t: string | null }>("select to_regclass('public.jobs')::text as t");
  if (jobs[0].t) out.jobs = (await db.query<{ n: number }>('select count(*)::int as n from public.jobs')).rows[0].n;
  return out;
}

/** A whole-hour instant `hours` from now (slots start on the half hour). */
export const hoursAhead = (hours: number, now = Date.now()) => new Date(Math.ceil(now / 3_600_000) * 3_600_000 + hours * 3_600_000);
