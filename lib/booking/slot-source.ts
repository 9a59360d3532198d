import 'server-only';
import { getExpertSlots, isSlotOffered, type TSlotQuery } from '@/lib/availability/get-expert-slots';
import type { TSlot } from '@/lib/availability/types';
import type { TQueryable } from '@/lib/db';

// Where booking asks "is this start offered?" and "what is free now?": lib/availability's getExpertSlots.
// Tests that exercise the booking rules without the availability rules swap in a simpler source with
// setSlotSourceForTests (never called by the app).

export type TSlotSource = {
  slots(db: TQueryable, expertId: string, q: TSlotQuery): Promise<TSlot[]>;
  /** Defaults to "is `start` one of slots([start, start + 1))". */
  isOffered?(
    db: TQueryable,
    expertId: string,
    startMs: number,
    lengthMinutes: number,
    opts: { now?: number; ignoreBookingId?: string },
  ): Promise<boolean>;
};

/**
 * The quick refusal a race's losers get once they take their turn (lib/booking/create-hold.ts): a live booking
 * already blocks this time, buffers included. isSlotOffered would refuse it too, after loading and computing slots.
 */
async function blockedByBooking(
  db: TQueryable,
  expertId: string,
  startMs: number,
  lengthMinutes: number,
  ignoreBookingId?: string,
): Promise<boolean> {
  const { rows } = await db.query<{ taken: boolean }>(
    `select exists (
       select 1 from public.bookings b
         cross join (select coalesce(max(buffer_before_minutes), 0) as bb, coalesce(max(buffer_after_minutes), 0) as ba
                       from public.availability_settings where expert_id = $1) s
        where b.expert_id = $1 and (b.status = 'confirmed' or (b.status = 'held' and b.hold_expires_at > now()))
          and ($4::uuid is null or b.id <> $4::uuid)
          and tstzrange(b.blocked_from, b.blocked_to, '[)')
              && tstzrange($2::timestamptz - make_interval(mins => s.bb), $3::timestamptz + make_interval(mins => s.ba), '[)')) as taken`,
    [expertId, new Date(startMs), new Date(startMs + lengthMinutes * 60_000), ignoreBookingId ?? null],
  );
  return rows[0]?.taken === true;
}

const availabilitySource: TSlotSource = {
  slots: getExpertSlots,
  isOffered: async (db, expertId, startMs, lengthMinutes, opts) =>
    !(await blockedByBooking(db, expertId, startMs, lengthMinutes, opts.ignoreBookingId)) &&
    isSlotOffered(db, expertId, startMs, lengthMinutes, opts),
};

let current: TSlotSource = availabilitySource;

/** Test hook: replaces the slot source (pass null to restore lib/availability). */
export function setSlotSourceForTests(source: TSlotSource | null): void {
  current = source ?? availabilitySource;
}

export function expertSlots(db: TQueryable, expertId: string, q: TSlotQuery): Promise<TSlot[]> {
  return current.slots(db, expertId, q);
}

/** True when `startMs` is exactly the start of a free slot of that length (buffers included). */
export async function isStartOffered(
  db: TQueryable,
  expertId: string,
  startMs: number,
  lengthMinutes: number,
  opts: { now?: number; ignoreBookingId?: string } = {},
): Promise<boolean> {
  if (current.isOffered) return current.isOffered(db, expertId, startMs, lengthMinutes, opts);
  const found = await current.slots(db, expertId, {
    from: startMs,
    to: startMs + 1,
    lengthMinutes,
    now: opts.now,
    ignoreBookingId: opts.ignoreBookingId,
  });
  return found.some((s) => s.start === startMs);
}
