import 'server-only';
import { z } from 'zod';
import { withAnon, type TAnonTx, type TDb, type TQueryable } from '@/lib/db';
import type { TSlotsResponse } from '@/lib/booking/contract';
import { AppError } from '@/lib/http/app-error';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { computeSlots } from './compute-slots';
import {
  DEFAULT_AVAILABILITY_SETTINGS,
  type TAvailabilitySettings,
  type TBusyBooking,
  type TDateOverride,
  type TInterval,
  type TSlot,
  type TWeeklyRule,
} from './types';
import { addDays, isValidTimeZone, localDate, startOfLocalDate } from './zoned-time';

export type TSlotQuery = {
  from: number;
  to: number;
  lengthMinutes: number;
  /** Defaults to Date.now(). */
  now?: number;
  /** A booking being rescheduled does not block its own new time. */
  ignoreBookingId?: string;
};

export type TIsSlotOfferedOptions = { now?: number; ignoreBookingId?: string };

export type TOffering = { lengthMinutes: number; priceMinor: number; currency: string };

/** What one round trip loads for an expert: everything computeSlots needs except the length. */
/** A public.availability_settings row, as stored. */
export type TSettingsRow = {
  buffer_before_minutes: number;
  buffer_after_minutes: number;
  min_notice_minutes: number;
  horizon_days: number;
  max_per_day: number | null;
  slot_interval_minutes: TAvailabilitySettings['slotIntervalMinutes'];
};

/** The settings row as the slot functions and the editor read it. */
export function settingsFromRow(s: TSettingsRow): TAvailabilitySettings {
  return {
    bufferBeforeMinutes: s.buffer_before_minutes,
    bufferAfterMinutes: s.buffer_after_minutes,
    minNoticeMinutes: s.min_notice_minutes,
    horizonDays: s.horizon_days,
    maxPerDay: s.max_per_day,
    slotIntervalMinutes: s.slot_interval_minutes,
  };
}

export type TExpertSlotData = {
  expertId: string;
  timeZone: string;
  /** Listed: approved and not hidden. */
  listed: boolean;
  /** Offers slots now: listed and not paused. */
  open: boolean;
  offerings: TOffering[];
  rules: TWeeklyRule[];
  overrides: TDateOverride[];
  settings: TAvailabilitySettings;
  bookings: TBusyBooking[];
  busy: TInterval[];
};

const DAY = 86_400_000;
// Bookings and busy blocks are loaded with this margin around the range: a local day is at most 25 h long,
// so the daily maximum of a slot's date sees every booking that starts on that date.
const MARGIN = 2 * DAY;

type TRow = {
  expert_id: string;
  timezone: string;
  listed: boolean;
  open: boolean;
  offerings: [number, number, string][];
  rules: [number, number, number][];
  overrides: [string, number | null, number | null][];
  settings: TSettingsRow | null;
  bookings: [number, number, number, number][];
  busy: [number, number][];
};

// One statement: the profile row and json aggregates of everything else (no concurrent queries on one client).
// Bookings and busy blocks are read through the functions that return only their times (migration
// 20261128000400_anon_reads), so the same statement runs as `anon` for the public slots, as the expert for the
// week view, and on the service connection for booking.
// Instants travel as epoch seconds (date_part: float8, cheaper to aggregate than numeric extract()).
const SQL = (where: string) => `
  select p.id as expert_id, p.timezone,
         (p.status = 'approved' and not p.hidden) as listed,
         (p.status = 'approved' and not p.hidden and (p.paused_until is null or p.paused_until <= now())) as open,
         coalesce((select json_agg(json_build_array(o.duration_minutes, o.price_minor, o.currency) order by o.duration_minutes)
                     from public.expert_offerings o where o.expert_id = p.id), '[]') as offerings,
         coalesce((select json_agg(json_build_array(r.weekday, r.start_minute, r.end_minute))
                     from public.availability_rules r where r.expert_id = p.id), '[]') as rules,
         coalesce((select json_agg(json_build_array(to_char(v.date, 'YYYY-MM-DD'), v.start_minute, v.end_minute))
                     from public.availability_overrides v
                    where v.expert_id = p.id and v.date between $2::date and $3::date), '[]') as overrides,
         (select row_to_json(s) from public.availability_settings s where s.expert_id = p.id) as settings,
         coalesce((select json_agg(array[date_part('epoch', b.starts_at), date_part('epoch', b.ends_at),
                                         date_part('epoch', b.blocked_from), date_part('epoch', b.blocked_to)])
                     from public.expert_booked_times(p.id, $4::timestamptz, $5::timestamptz, $6::uuid) b), '[]') as bookings,
         coalesce((select json_agg(array[date_part('epoch', k.starts_at), date_part('epoch', k.ends_at)])
                     from public.expert_busy_times(p.id, $4::timestamptz, $5::timestamptz) k), '[]') as busy
    from public.expert_profiles p
   where ${where}`;

/**
 * Loads, in one round trip, an expert's zone, listing state, offerings, rules, overrides (null minutes = a
 * day off), settings (the defaults when there is no row), live bookings (confirmed, or held and not yet
 * expired; except `ignoreBookingId`) and busy blocks around [from, to). null for an unknown expert.
 */
export async function loadExpertSlotData(
  db: TQueryable,
  by: { expertId: string } | { slug: string },
  range: { from: number; to: number; ignoreBookingId?: string },
): Promise<TExpertSlotData | null> {
  const where = 'expertId' in by ? 'p.id = $1::uuid' : 'p.slug = $1';
  const key = 'expertId' in by ? by.expertId : by.slug;
  const { rows } = await db.query<TRow>(SQL(where), [
    key,
    isoDate(range.from - MARGIN),
    isoDate(range.to + MARGIN),
    new Date(range.from - MARGIN).toISOString(),
    new Date(range.to + MARGIN).toISOString(),
    range.ignoreBookingId ?? null,
  ]);
  const r = rows[0];
  if (!r) return null;
  const overrides = new Map<string, TDateOverride>();
  for (const [date, startMinute, endMinute] of r.overrides) {
    const o = overrides.get(date) ?? { date, ranges: [] };
    if (startMinute !== null && endMinute !== null) o.ranges.push({ startMinute, endMinute });
    overrides.set(date, o);
  }
  const s = r.settings;
  return {
    expertId: r.expert_id,
    timeZone: r.timezone,
    listed: r.listed,
    open: r.open,
    offerings: r.offerings.map(([lengthMinutes, priceMinor, currency]) => ({ lengthMinutes, priceMinor, currency })),
    rules: r.rules.map(([weekday, startMinute, endMinute]) => ({ weekday, startMinute, endMinute })),
    overrides: [...overrides.values()],
    settings: s ? settingsFromRow(s) : DEFAULT_AVAILABILITY_SETTINGS,
    bookings: r.bookings.map(([start, end, blockedFrom, blockedTo]) => ({
      start: ms(start),
      end: ms(end),
      blockedFrom: ms(blockedFrom),
      blockedTo: ms(blockedTo),
    })),
    busy: r.busy.map(([start, end]) => ({ start: ms(start), end: ms(end) })),
  };
}

/** The free slots of loaded data for one length (none when the expert is not open). */
export function slotsFromData(data: TExpertSlotData, q: TSlotQuery): TSlot[] {
  if (!data.open) return [];
  return computeSlots({
    timeZone: data.timeZone,
    rules: data.rules,
    overrides: data.overrides,
    settings: data.settings,
    lengthMinutes: q.lengthMinutes,
    bookings: data.bookings,
    busy: data.busy,
    from: q.from,
    to: q.to,
    now: q.now ?? Date.now(),
  });
}

/**
 * An expert's free slots for one session length in [from, to): [] when the expert is unknown, not approved,
 * hidden, or paused (paused_until in the future).
 */
export async function getExpertSlots(db: TQueryable, expertId: string, q: TSlotQuery): Promise<TSlot[]> {
  const data = await loadExpertSlotData(db, { expertId }, q);
  return data ? slotsFromData(data, q) : [];
}

/** True if `start` (epoch ms) is exactly the start of a free slot of that length now: for the booking code. */
export async function isSlotOffered(
  db: TQueryable,
  expertId: string,
  start: number,
  lengthMinutes: number,
  opts: TIsSlotOfferedOptions = {},
): Promise<boolean> {
  const slots = await getExpertSlots(db, expertId, { from: start, to: start + 1, lengthMinutes, ...opts });
  return slots.some((s) => s.start === start);
}

export type TPublicSlots = { data: TExpertSlotData; lengthMinutes: number; slots: TSlot[] };

/**
 * The public slots of a listed expert by slug, for the slots API: null when unknown or not listed. The length
 * must be one of the expert's offerings (default: the shortest), else a 400 naming `length`.
 */
export async function getPublicSlots(
  db: TAnonTx,
  slug: string,
  q: { from: number; to: number; lengthMinutes?: number; now?: number },
): Promise<TPublicSlots | null> {
  const data = await loadExpertSlotData(db, { slug }, q);
  if (!data?.listed) return null;
  const offered = data.offerings.map((o) => o.lengthMinutes);
  const lengthMinutes = q.lengthMinutes ?? offered[0];
  if (lengthMinutes === undefined) return { data, lengthMinutes: 0, slots: [] };
  if (!offered.includes(lengthMinutes)) {
    throw new AppError('invalid_input', 'Some fields need attention.', {
      length: offered.length
        ? `Choose one of the session lengths offered: ${offered.join(', ')} minutes.`
        : 'This expert offers no sessions yet.',
    });
  }
  return { data, lengthMinutes, slots: slotsFromData(data, { ...q, lengthMinutes }) };
}

export const MAX_SLOTS_RANGE_DAYS = 62;
const DEFAULT_SLOTS_RANGE_DAYS = 31;

/** The slots API's query: local dates in `tz` (from inclusive, to exclusive), a length in minutes, a zone. */
export const ZSlotsQuery = z.object({
  from: z.iso.date('Use a date like 2026-03-08.').optional(),
  to: z.iso.date('Use a date like 2026-03-08.').optional(),
  length: z.coerce
    .number('Give the session length in minutes.')
    .int('Give the session length in whole minutes.')
    .min(15)
    .max(240)
    .optional(),
  tz: z.string().max(64).refine(isValidTimeZone, 'Choose a time zone, like Europe/Berlin.').default('UTC'),
});

export type TResolvedSlotsQuery = { from: number; to: number; fromDate: string; toDate: string; lengthMinutes?: number; timeZone: string };

/**
 * Parses the slots API's search parameters (400 with field messages) and turns its local dates into instants:
 * from defaults to today in `tz`, to to from + 31 days.
 */
export function resolveSlotsQuery(params: URLSearchParams, now: number = Date.now()): TResolvedSlotsQuery {
  const raw = Object.fromEntries(['from', 'to', 'length', 'tz'].flatMap((k) => (params.get(k) ? [[k, params.get(k)]] : [])));
  const q = parseOrThrow(ZSlotsQuery, raw);
  const fromDate = q.from ?? localDate(q.tz, now);
  const toDate = q.to ?? addDays(fromDate, DEFAULT_SLOTS_RANGE_DAYS);
  // The range is checked once the defaults are in (`to` alone is measured from today).
  if (Date.parse(toDate) - Date.parse(fromDate) > MAX_SLOTS_RANGE_DAYS * 86_400_000 || toDate <= fromDate) {
    throw new AppError('invalid_input', 'Some fields need attention.', {
      to: toDate <= fromDate ? 'The end date must be after the start date.' : `Ask for at most ${MAX_SLOTS_RANGE_DAYS} days at a time.`,
    });
  }
  return {
    from: startOfLocalDate(q.tz, fromDate),
    to: startOfLocalDate(q.tz, toDate),
    fromDate,
    toDate,
    lengthMinutes: q.length,
    timeZone: q.tz,
  };
}

/**
 * The slots API's answer (GET /api/experts/:slug/slots): parses the search parameters, loads the expert in one
 * statement and computes the slots. Throws a 400 AppError for bad parameters, a 404 for an unlisted expert.
 */
export async function getSlotsResponse(db: TDb, slug: string, params: URLSearchParams, now: number = Date.now()): Promise<TSlotsResponse> {
  const q = resolveSlotsQuery(params, now);
  // As a visitor: the anon policies decide which experts are listed.
  const found = await withAnon(db, (tx) => getPublicSlots(tx, slug, { ...q, now }));
  if (!found) throw new AppError('not_found', 'No such expert.');
  return {
    expertTimeZone: found.data.timeZone,
    timeZone: q.timeZone,
    lengthMinutes: found.lengthMinutes,
    offerings: found.data.offerings,
    slots: found.slots.map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() })),
  };
}

/** Epoch seconds (float) → whole epoch milliseconds. */
function ms(seconds: number): number {
  return Math.round(seconds * 1000);
}

function isoDate(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}
