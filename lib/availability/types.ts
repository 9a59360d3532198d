import { z } from 'zod';

// The contract between the availability settings (saved per expert), the pure slot functions
// (lib/availability/compute-slots.ts) and the booking layer. Instants are epoch milliseconds (UTC);
// rules are wall-clock minutes after local midnight in the expert's IANA zone.

export const ZMinuteRange = z
  .object({
    startMinute: z.number().int().min(0).max(1439),
    endMinute: z.number().int().min(1).max(1440),
  })
  .refine((r) => r.startMinute < r.endMinute, { message: 'The end must be after the start.', path: ['endMinute'] });
export type TMinuteRange = z.infer<typeof ZMinuteRange>;

/** Weekly hours: ISO weekday 1 = Monday … 7 = Sunday. */
export const ZWeeklyRule = z.object({ weekday: z.number().int().min(1).max(7) }).and(ZMinuteRange);
export type TWeeklyRule = z.infer<typeof ZWeeklyRule>;

/** Replaces one local date's weekly hours; no ranges = a day off. */
export const ZDateOverride = z.object({ date: z.iso.date(), ranges: z.array(ZMinuteRange).max(12) });
export type TDateOverride = z.infer<typeof ZDateOverride>;

export const ZAvailabilitySettings = z.object({
  bufferBeforeMinutes: z.number().int().min(0).max(240),
  bufferAfterMinutes: z.number().int().min(0).max(240),
  minNoticeMinutes: z.number().int().min(0).max(43200),
  horizonDays: z.number().int().min(1).max(365),
  /** null: no daily maximum. */
  maxPerDay: z.number().int().min(1).max(48).nullable(),
  slotIntervalMinutes: z.union([z.literal(5), z.literal(10), z.literal(15), z.literal(20), z.literal(30), z.literal(60)]),
});
export type TAvailabilitySettings = z.infer<typeof ZAvailabilitySettings>;

export const DEFAULT_AVAILABILITY_SETTINGS: TAvailabilitySettings = {
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minNoticeMinutes: 240,
  horizonDays: 60,
  maxPerDay: null,
  slotIntervalMinutes: 30,
};

/** A half-open interval [start, end) of epoch milliseconds. */
export type TInterval = { start: number; end: number };

/** A live booking or hold: the session itself and the range it blocks (the session plus its buffers). */
export type TBusyBooking = { start: number; end: number; blockedFrom: number; blockedTo: number };

export type TSlotInput = {
  /** The expert's IANA zone, in which rules, overrides, daily maximums and the horizon are read. */
  timeZone: string;
  rules: TWeeklyRule[];
  overrides: TDateOverride[];
  settings: TAvailabilitySettings;
  /** Length of the session asked for, in minutes. */
  lengthMinutes: number;
  /** Live (held or confirmed) bookings of the expert that may touch the range. */
  bookings: TBusyBooking[];
  /** Busy blocks from connected calendars or blocked by hand. */
  busy: TInterval[];
  /** The range asked for; slots start within [from, to). */
  from: number;
  to: number;
  /** The current instant (minimum notice and horizon are measured from it). */
  now: number;
};

/** A free slot: the session's start and end, epoch milliseconds (UTC). */
export type TSlot = { start: number; end: number };
