import 'server-only';
import { z } from 'zod';
import type { TSessionUser } from '@/lib/auth/schemas';
import { withUser, type TDb } from '@/lib/db';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { logger } from '@/lib/log/logger';
import { loadExpertSlotData, slotsFromData } from './get-expert-slots';
import { getOwnExpertProfile, todayIn } from './store';
import { addDays, weekRange, type TWeekView } from './week-range';
import { requireRole } from '@/lib/auth/permissions';

export type { TWeekView } from './week-range';

/** The shortest session length, used for the week view while an expert offers none yet. */
export const FALLBACK_LENGTH_MINUTES = 30;

export const ZWeekQuery = z.object({
  start: z.iso.date({ error: 'Use a date like 2026-11-23.' }).optional(),
});

const iso = (d: Date | number) => new Date(d).toISOString();

/** One week (Monday–Sunday in the expert's zone) of the signed-in expert's free slots, live bookings and busy blocks. */
export async function getWeekView(db: TDb, user: TSessionUser, query: unknown, now = Date.now()): Promise<TWeekView> {
  requireRole(user, ['expert'], 'Only experts have availability.');
  const q = parseOrThrow(ZWeekQuery, query);
  const own = await withUser(db, user, async (tx) => {
    const profile = await getOwnExpertProfile(tx, user.id);
    const today = todayIn(profile.timeZone, now);
    const w = weekRange(q.start ?? today, profile.timeZone);
    // One after another: a transaction's client runs one query at a time (pg warns about concurrent ones).
    const offerings = await tx.query<{ duration_minutes: number }>(
      'select duration_minutes from public.expert_offerings where expert_id = $1 order by duration_minutes',
      [profile.id],
    );
    const settings = await tx.query<{ horizon_days: number }>(
      'select horizon_days from public.availability_settings where expert_id = $1',
      [profile.id],
    );
    // Read as the expert: RLS lets them see their own bookings and busy blocks.
    const bookings = await tx.query<{ id: string; status: 'held' | 'confirmed'; starts_at: Date; ends_at: Date; duration_minutes: number }>(
      `select id, status, starts_at, ends_at, duration_minutes from public.bookings
        where expert_id = $1 and (status = 'confirmed' or (status = 'held' and hold_expires_at > now()))
          and starts_at < $3 and ends_at > $2 order by starts_at`,
      [profile.id, iso(w.from), iso(w.to)],
    );
    const busy = await tx.query<{ id: string; source: string; starts_at: Date; ends_at: Date }>(
      'select id, source, starts_at, ends_at from public.busy_blocks where expert_id = $1 and starts_at < $3 and ends_at > $2 order by starts_at',
      [profile.id, iso(w.from), iso(w.to)],
    );
    const horizon = settings.rows[0]?.horizon_days ?? 60;
    return { profile, today, w, horizon, lengths: offerings.rows.map((o) => o.duration_minutes), bookings: bookings.rows, busy: busy.rows };
  });
  const { profile, w } = own;
  const firstWeek = weekRange(own.today, profile.timeZone).weekStart;
  const lastWeek = weekRange(addDays(own.today, own.horizon), profile.timeZone).weekStart;
  const lengths = own.lengths.length ? [...new Set(own.lengths)] : [FALLBACK_LENGTH_MINUTES];
  let slots: TWeekView['slots'] = null;
  let open = false;
  try {
    // One load (the slot functions' own), then the slots of each length from it.
    const data = await loadExpertSlotData(db, { expertId: profile.id }, { from: w.from, to: w.to });
    open = !!data?.open;
    slots = lengths.map((lengthMinutes) => ({
      lengthMinutes,
      slots: data
        ? slotsFromData(data, { from: w.from, to: w.to, lengthMinutes, now }).map((s) => ({ start: iso(s.start), end: iso(s.end) }))
        : [],
    }));
  } catch (err) {
    // The week still shows bookings and busy time; the page says slots are unavailable.
    logger().warn({ err, expertId: profile.id }, 'week view: slots could not be computed');
  }
  return {
    expertId: profile.id,
    timeZone: profile.timeZone,
    weekStart: w.weekStart,
    days: w.days,
    today: own.today,
    firstWeek,
    lastWeek,
    open,
    slots,
    bookings: own.bookings.map((b) => ({
      id: b.id,
      status: b.status,
      start: iso(b.starts_at),
      end: iso(b.ends_at),
      lengthMinutes: b.duration_minutes,
    })),
    busy: own.busy.map((b) => ({ id: b.id, source: b.source, start: iso(b.starts_at), end: iso(b.ends_at) })),
  };
}
