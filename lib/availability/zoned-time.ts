// Wall-clock time in an IANA zone ⇄ UTC instants, with Intl only (no hand-written offsets). Pure, no I/O.
//
// The one rule for wall times a zone skips or repeats (lib/availability/compute-slots.ts relies on it):
// - a wall time that does not exist (the spring-forward gap) maps to the first instant after the gap
//   (02:30 on 2026-03-08 in America/New_York → 03:00 EDT = 07:00Z);
// - a wall time that occurs twice (fall-back) maps to its FIRST occurrence
//   (01:30 on 2026-11-01 in America/New_York → 01:30 EDT = 05:30Z).
// Wall times are carried as "wall milliseconds": the epoch milliseconds the same calendar date and clock time
// would have in UTC (Date.UTC(y, m - 1, d, h, min)).

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY_MS = 24 * HOUR;

// Any local day's instants lie within [wall - 14 h, wall + 24 h + 12 h]; offsets sampled 36 h either side
// of a wall time bracket every transition that can move it (zones change at most once in such a window).
const BRACKET = 36 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One cached formatter per zone (creating an Intl.DateTimeFormat costs far more than using one). */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for a zone this runtime's Intl knows (IANA names and their aliases, e.g. "UTC", "Asia/Calcutta"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export type TWallParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

// en-US with h23 formats as "11/14/2026, 17:13:20"; format() is several times cheaper than formatToParts(), which
// stays the fallback should an ICU version punctuate differently.
const US_WALL_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),? (\d{2}):(\d{2}):(\d{2})$/;

/** The wall-clock date and time of an instant in a zone. */
export function wallParts(timeZone: string, instant: number): TWallParts {
  const f = formatterFor(timeZone);
  const m = US_WALL_RE.exec(f.format(instant));
  if (m) return { year: +m[3], month: +m[1], day: +m[2], hour: +m[4], minute: +m[5], second: +m[6] };
  const out: TWallParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of f.formatToParts(instant)) {
    switch (p.type) {
      case 'year':
        out.year = Number(p.value);
        break;
      case 'month':
        out.month = Number(p.value);
        break;
      case 'day':
        out.day = Number(p.value);
        break;
      case 'hour':
        out.hour = Number(p.value);
        break;
      case 'minute':
        out.minute = Number(p.value);
        break;
      case 'second':
        out.second = Number(p.value);
        break;
    }
  }
  return out;
}

/** The instant's wall time as wall milliseconds (second precision). */
export function toWallMs(timeZone: string, instant: number): number {
  const w = wallParts(timeZone, instant);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** The zone's UTC offset at an instant, in milliseconds (wall − UTC; New York in winter: −5 h). */
export function zoneOffsetMs(timeZone: string, instant: number): number {
  const t = Math.floor(instant / 1000) * 1000;
  return toWallMs(timeZone, t) - t;
}

// Offsets at the instants computeSlots samples (day boundaries ± 36 h) recur from call to call; a zone's offset
// at an instant never changes within a process, so they are kept per zone (bounded).
const offsetCaches = new Map<string, Map<number, number>>();
const OFFSET_CACHE_MAX = 20_000;

/** zoneOffsetMs, remembered per zone. */
export type TOffsetFn = (instant: number) => number;
export function offsetMemo(timeZone: string): TOffsetFn {
  let memo = offsetCaches.get(timeZone);
  if (!memo) {
    formatterFor(timeZone); // throws RangeError for an unknown zone before anything is kept
    memo = new Map();
    offsetCaches.set(timeZone, memo);
  }
  const m = memo;
  return (instant) => {
    let o = m.get(instant);
    if (o === undefined) {
      o = zoneOffsetMs(timeZone, instant);
      if (m.size >= OFFSET_CACHE_MAX) m.clear();
      m.set(instant, o);
    }
    return o;
  };
}

/**
 * The instant of a wall time in a zone, by the rule above: gap → first instant after it, repeated → first
 * occurrence. `before`/`after` are the offsets 36 h either side (passed when the caller already has them).
 */
export function wallToInstant(timeZone: string, wallMs: number, offset: TOffsetFn = (t) => zoneOffsetMs(timeZone, t)): number {
  const before = offset(wallMs - BRACKET);
  const after = offset(wallMs + BRACKET);
  const t1 = wallMs - before;
  if (before === after) return t1;
  const t2 = wallMs - after;
  const ok1 = offset(t1) === before;
  const ok2 = offset(t2) === after;
  if (ok1 && ok2) return Math.min(t1, t2); // occurs twice: the first occurrence
  if (ok1) return t1;
  if (ok2) return t2;
  // In the gap: the transition instant, the first one whose offset is the new one (transitions fall on
  // whole minutes in every current zone; search by minute between the two candidates).
  let lo = Math.floor(Math.min(t1, t2) / MINUTE); // offset = before
  let hi = Math.ceil(Math.max(t1, t2) / MINUTE); // offset = after
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offset(mid * MINUTE) === after) hi = mid;
    else lo = mid;
  }
  return hi * MINUTE;
}

/** 'YYYY-MM-DD' → wall milliseconds of that date's midnight. */
export function dateToWallMs(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

/** Wall milliseconds → 'YYYY-MM-DD' (the calendar date part). */
export function wallMsToDate(wallMs: number): string {
  return new Date(wallMs).toISOString().slice(0, 10);
}

/** The local calendar date of an instant in a zone, 'YYYY-MM-DD'. */
export function localDate(timeZone: string, instant: number): string {
  return wallMsToDate(toWallMs(timeZone, instant));
}

/** The instant a local date starts in a zone (its midnight, or the first instant after a gap at midnight). */
export function startOfLocalDate(timeZone: string, date: string): number {
  return wallToInstant(timeZone, dateToWallMs(date));
}

/** A calendar date plus n days, 'YYYY-MM-DD'. */
export function addDays(date: string, days: number): string {
  return wallMsToDate(dateToWallMs(date) + days * DAY_MS);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a wall-milliseconds date. */
export function isoWeekday(wallMs: number): number {
  const d = new Date(wallMs).getUTCDay();
  return d === 0 ? 7 : d;
}
