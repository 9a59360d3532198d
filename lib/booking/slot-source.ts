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
  isOffered?(db: TQueryable, expertId: string, startMs: number, lengthMinutes: number, opts: { now?: number; ignoreBookingId?: string }): Promise<boolean>;
};

const availabilitySource: TSlotSource = { slots: getExpertSlots, isOffered: isSlotOffered };

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
  const found = await current.slots(db, expertId, { from: startMs, to: startMs + 1, lengthMinutes, now: opts.now, ignoreBookingId: opts.ignoreBookingId });
  return found.some((s) => s.start === startMs);
}
