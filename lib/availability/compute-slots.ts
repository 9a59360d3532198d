import type { TInterval, TMinuteRange, TSlot, TSlotInput } from './types';
import { DAY_MS, isoWeekday, offsetMemo, toWallMs, wallMsToDate, wallToInstant } from './zoned-time';

const MINUTE = 60_000;
const BRACKET = 36 * 60 * MINUTE;

/**
 * Free slots for one expert and one session length, as UTC instants, sorted and distinct. Pure.
 *
 * - Each local date (in input.timeZone) takes its override's ranges if it has one (none = a day off), else
 *   the weekly ranges of its ISO weekday. Overlapping or touching ranges of a day are merged.
 * - A range's start and end wall times become instants by the rule in zoned-time.ts (a skipped wall time →
 *   the first instant after the gap; a repeated one → its first occurrence); the range is the interval
 *   between them, so 09:00–17:00 stays 09:00–17:00 local on a 23 h or 25 h day.
 * - Candidates start at the range's start and step by slotIntervalMinutes in local wall time (each mapped by
 *   the same rule; duplicates in a gap collapse); a session lasts lengthMinutes of real time and must end by
 *   the range's end instant.
 * - A candidate fits when its buffered range [start − bufferBefore, end + bufferAfter) overlaps no live
 *   booking's blocked range [blockedFrom, blockedTo) (which already holds that booking's buffers) and no busy
 *   block [start, end): the new session's buffers must be free of calendar events too.
 * - start ≥ now + minNotice, start < now + horizonDays × 24 h (elapsed time, not local days), and
 *   from ≤ start < to.
 * - maxPerDay: when the live bookings starting on a local date reach it, that date offers nothing.
 */
export function computeSlots(input: TSlotInput): TSlot[] {
  const { timeZone: tz, settings, lengthMinutes } = input;
  const earliest = Math.max(input.from, input.now + settings.minNoticeMinutes * MINUTE);
  const latest = Math.min(input.to, input.now + settings.horizonDays * DAY_MS); // exclusive
  if (!(lengthMinutes > 0) || earliest >= latest) return [];

  const lengthMs = lengthMinutes * MINUTE;
  const before = settings.bufferBeforeMinutes * MINUTE;
  const after = settings.bufferAfterMinutes * MINUTE;
  const step = settings.slotIntervalMinutes;

  const blocked = mergeIntervals([...input.bookings.map((b) => ({ start: b.blockedFrom, end: b.blockedTo })), ...input.busy]);
  const bookingStarts = settings.maxPerDay === null ? [] : input.bookings.map((b) => b.start).sort((a, b) => a - b);

  const weekly: TMinuteRange[][] = [[], [], [], [], [], [], [], []];
  for (const r of input.rules) weekly[r.weekday].push(r);
  for (let d = 1; d <= 7; d++) weekly[d] = mergeRanges(weekly[d]);
  const overrides = new Map<string, TMinuteRange[]>();
  for (const o of input.overrides) overrides.set(o.date, [...(overrides.get(o.date) ?? []), ...o.ranges]);
  for (const [date, ranges] of overrides) overrides.set(date, mergeRanges(ranges));

  const offset = offsetMemo(tz);
  const out: TSlot[] = [];
  let bi = 0; // first blocked interval that may still overlap (their ends ascend once merged)
  let ci = 0; // first booking start not yet counted
  let last = -Infinity;

  // Local dates from the one holding `earliest` to the one holding the last possible start.
  const lastDayWall = dayWall(toWallMs(tz, latest - 1));
  for (let w0 = dayWall(toWallMs(tz, earliest)); w0 <= lastDayWall; w0 += DAY_MS) {
    // No transition within ±36 h of the day: one offset for all of it; otherwise map each wall time by the rule.
    const o = offset(w0 - BRACKET);
    const steady = o === offset(w0 + DAY_MS + BRACKET);
    const at = (wallMs: number) => (steady ? wallMs - o : wallToInstant(tz, wallMs, offset));

    const date = wallMsToDate(w0);
    const ranges = overrides.get(date) ?? weekly[isoWeekday(w0)];
    if (!ranges.length) continue;

    if (settings.maxPerDay !== null) {
      const dayStart = at(w0);
      const dayEnd = at(w0 + DAY_MS);
      while (ci < bookingStarts.length && bookingStarts[ci] < dayStart) ci++;
      let count = 0;
      while (ci < bookingStarts.length && bookingStarts[ci] < dayEnd) {
        ci++;
        count++;
      }
      if (count >= settings.maxPerDay) continue;
    }

    for (const r of ranges) {
      const rangeEnd = at(w0 + r.endMinute * MINUTE);
      for (let m = r.startMinute; m < r.endMinute; m += step) {
        const start = at(w0 + m * MINUTE);
        const end = start + lengthMs;
        if (end > rangeEnd || start >= latest) break;
        if (start < earliest || start <= last) continue;
        const lo = start - before;
        const hi = end + after;
        while (bi < blocked.length && blocked[bi].end <= lo) bi++;
        if (bi < blocked.length && blocked[bi].start < hi) continue;
        out.push({ start, end });
        last = start;
      }
    }
  }
  return out;
}

/** Wall milliseconds of the midnight that starts the wall time's date. */
function dayWall(wallMs: number): number {
  return Math.floor(wallMs / DAY_MS) * DAY_MS;
}

/** Sorted by start, overlapping or touching ranges joined. */
function mergeRanges(ranges: TMinuteRange[]): TMinuteRange[] {
  const sorted = [...ranges].sort((a, b) => a.startMinute - b.startMinute);
  const out: TMinuteRange[] = [];
  for (const r of sorted) {
    const prev = out[out.length - 1];
    if (prev && r.startMinute <= prev.endMinute) prev.endMinute = Math.max(prev.endMinute, r.endMinute);
    else out.push({ startMinute: r.startMinute, endMinute: r.endMinute });
  }
  return out;
}

/** Sorted by start, overlapping intervals joined (touching ones may stay apart: half-open, they do not block). */
function mergeIntervals(intervals: TInterval[]): TInterval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: TInterval[] = [];
  for (const i of sorted) {
    const prev = out[out.length - 1];
    if (prev && i.start < prev.end) prev.end = Math.max(prev.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}
