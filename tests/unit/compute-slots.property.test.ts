import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSlots } from '@/lib/availability/compute-slots';
import type { TAvailabilitySettings, TBusyBooking, TMinuteRange, TSlot, TSlotInput } from '@/lib/availability/types';

// Properties of computeSlots over random zones, rules, overrides, settings, bookings, busy blocks and dates
// across 2026 (DST change days drawn often). The oracle reads wall times back with its own Intl formatter,
// independent of lib/availability/zoned-time.ts.

const MIN = 60_000;
const DAY = 86_400_000;
const ZONES = Intl.supportedValuesOf('timeZone');
const YEAR_START = Date.UTC(2026, 0, 1);
const YEAR_END = Date.UTC(2027, 0, 1);
// Days around which many zones change their clocks in 2026.
const CHANGE_DAYS = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-09-27', '2026-10-04', '2026-10-25', '2026-11-01'].map(Date.parse);

const formatters = new Map<string, Intl.DateTimeFormat>();
function wall(zone: string, t: number): { date: string; minute: number } {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, minute: Number(p.hour) * 60 + Number(p.minute) };
}
const weekdayOf = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

const arbRange = fc
  .tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 48 }))
  .map(([a, len]): TMinuteRange => ({ startMinute: a * 15, endMinute: Math.min(1440, a * 15 + len * 15) }));

const arbSettings: fc.Arbitrary<TAvailabilitySettings> = fc.record({
  bufferBeforeMinutes: fc.constantFrom(0, 0, 5, 10, 15, 30),
  bufferAfterMinutes: fc.constantFrom(0, 0, 5, 10, 15, 30),
  minNoticeMinutes: fc.integer({ min: 0, max: 4 * 1440 }),
  horizonDays: fc.integer({ min: 1, max: 30 }),
  maxPerDay: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
  slotIntervalMinutes: fc.constantFrom(5, 10, 15, 20, 30, 60),
});

const arbFrom = fc.oneof(
  fc.integer({ min: YEAR_START, max: YEAR_END - 20 * DAY }).map((t) => Math.floor(t / MIN) * MIN),
  fc.tuple(fc.constantFrom(...CHANGE_DAYS), fc.integer({ min: -72, max: 24 })).map(([d, h]) => d + h * 3_600_000),
);

const arbInput: fc.Arbitrary<TSlotInput> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    rules: fc.array(
      fc.tuple(fc.integer({ min: 1, max: 7 }), arbRange).map(([weekday, r]) => ({ weekday, ...r })),
      { maxLength: 12 },
    ),
    overrideSpecs: fc.array(fc.tuple(fc.integer({ min: -1, max: 12 }), fc.array(arbRange, { maxLength: 3 })), { maxLength: 4 }),
    settings: arbSettings,
    lengthMinutes: fc.constantFrom(15, 30, 45, 60, 90, 120),
    from: arbFrom,
    days: fc.integer({ min: 1, max: 12 }),
    nowBefore: fc.integer({ min: -2 * 1440, max: 3 * 1440 }),
    bookingSpecs: fc.array(
      fc.tuple(
        fc.integer({ min: -1440, max: 14 * 1440 }),
        fc.constantFrom(15, 30, 60, 90),
        fc.constantFrom(0, 10, 15),
        fc.constantFrom(0, 10, 15),
      ),
      { maxLength: 25 },
    ),
    busySpecs: fc.array(fc.tuple(fc.integer({ min: -1440, max: 14 * 1440 }), fc.integer({ min: 1, max: 300 })), { maxLength: 25 }),
  })
  .map((r) => {
    const bookings: TBusyBooking[] = r.bookingSpecs.map(([offset, len, bb, ba]) => {
      const start = r.from + offset * MIN;
      const end = start + len * MIN;
      return { start, end, blockedFrom: start - bb * MIN, blockedTo: end + ba * MIN };
    });
    return {
      timeZone: r.timeZone,
      rules: r.rules,
      overrides: r.overrideSpecs.map(([d, ranges]) => ({ date: wall(r.timeZone, r.from + d * DAY).date, ranges })),
      settings: r.settings,
      lengthMinutes: r.lengthMinutes,
      bookings,
      busy: r.busySpecs.map(([offset, len]) => ({ start: r.from + offset * MIN, end: r.from + (offset + len) * MIN })),
      from: r.from,
      to: r.from + r.days * DAY,
      now: r.from - r.nowBefore * MIN,
    };
  });

/** The merged ranges in force on a local date (override, else weekly). */
function rangesOn(input: TSlotInput, date: string): TMinuteRange[] {
  const over = input.overrides.filter((o) => o.date === date);
  const raw = over.length ? over.flatMap((o) => o.ranges) : input.rules.filter((r) => r.weekday === weekdayOf(date));
  const sorted = [...raw].sort((a, b) => a.startMinute - b.startMinute);
  const out: TMinuteRange[] = [];
  for (const r of sorted) {
    const prev = out.at(-1);
    if (prev && r.startMinute <= prev.endMinute) prev.endMinute = Math.max(prev.endMinute, r.endMinute);
    else out.push({ ...r });
  }
  return out;
}

const overlaps = (a0: number, a1: number, b0: number, b1: number) => a0 < b1 && b0 < a1;
const run = (prop: (input: TSlotInput, slots: TSlot[]) => void) =>
  fc.assert(
    fc.property(arbInput, (input) => prop(input, computeSlots(input))),
    { numRuns: 200 },
  );

describe('computeSlots properties', () => {
  it('sorted and distinct, each as long as the session asked for', () => {
    run((input, slots) => {
      for (let i = 0; i < slots.length; i++) {
        expect(slots[i].end - slots[i].start).toBe(input.lengthMinutes * MIN);
        if (i) expect(slots[i].start).toBeGreaterThan(slots[i - 1].start);
      }
    });
  });

  it('no slot (with its buffers) overlaps a booking plus its buffers, or a busy block', () => {
    run((input, slots) => {
      const { bufferBeforeMinutes: bb, bufferAfterMinutes: ba } = input.settings;
      for (const s of slots) {
        const lo = s.start - bb * MIN;
        const hi = s.end + ba * MIN;
        for (const b of input.bookings) expect(overlaps(lo, hi, b.blockedFrom, b.blockedTo)).toBe(false);
        for (const b of input.busy) expect(overlaps(lo, hi, b.start, b.end)).toBe(false);
      }
    });
  });

  it('every slot lies inside the rules (or the override) of its local date in the expert zone', () => {
    run((input, slots) => {
      for (const s of slots) {
        // The session's wall-clock readings in the expert's zone. Without a clock change inside it, every reading lies in
        // ONE range of the slot's local date. Across a clock change the documented rule applies: a range is the interval
        // between its mapped start and end instants, so the session must START inside the range and no reading may reach
        // the range's end (a fall-back repeats earlier readings: 01:50 EDT → 01:05 EST is 15 minutes inside 00:00–02:00;
        // a spring-forward gap skips readings: 01:45 EST → 03:15 EDT is past a 01:00–02:30 range, whose end maps to 03:00).
        const a = wall(input.timeZone, s.start);
        const lengthMin = Math.round((s.end - s.start) / MIN);
        const last = wall(input.timeZone, s.end - MIN);
        const crossing = last.date !== a.date || last.minute - a.minute !== lengthMin - 1;
        const walls: { date: string; minute: number }[] = [];
        for (let t = s.start; t < s.end; t += (crossing ? 1 : 5) * MIN) walls.push(wall(input.timeZone, t));
        walls.push(last);
        const inside = rangesOn(input, a.date).some(
          (r) =>
            r.startMinute <= a.minute &&
            walls.every((w) =>
              crossing
                ? (w.date === a.date && w.minute < r.endMinute) || w.date < a.date
                : w.date === a.date && r.startMinute <= w.minute && w.minute < r.endMinute,
            ),
        );
        const shown = walls.map((w) => `${w.date} ${w.minute}`).join(', ');
        expect(inside, `${new Date(s.start).toISOString()} ${shown} in ${input.timeZone}`).toBe(true);
      }
    });
  });

  it('none outside [from, to), before the minimum notice or past the horizon', () => {
    run((input, slots) => {
      for (const s of slots) {
        expect(s.start).toBeGreaterThanOrEqual(input.from);
        expect(s.start).toBeLessThan(input.to);
        expect(s.start).toBeGreaterThanOrEqual(input.now + input.settings.minNoticeMinutes * MIN);
        expect(s.start).toBeLessThan(input.now + input.settings.horizonDays * DAY);
      }
    });
  });

  it('no slot on a local date whose live bookings already reach the daily maximum', () => {
    run((input, slots) => {
      const max = input.settings.maxPerDay;
      if (max === null) return;
      const perDay = new Map<string, number>();
      for (const b of input.bookings) {
        const d = wall(input.timeZone, b.start).date;
        perDay.set(d, (perDay.get(d) ?? 0) + 1);
      }
      for (const s of slots) expect(perDay.get(wall(input.timeZone, s.start).date) ?? 0).toBeLessThan(max);
    });
  });

  it('leaves nothing out: exactly the unconstrained slots that pass buffers, notice, horizon and the daily maximum', () => {
    run((input, slots) => {
      const open = computeSlots({
        ...input,
        bookings: [],
        busy: [],
        settings: { ...input.settings, minNoticeMinutes: 0, horizonDays: 365, maxPerDay: null },
        now: input.from - 1,
      });
      const { bufferBeforeMinutes: bb, bufferAfterMinutes: ba, minNoticeMinutes, horizonDays, maxPerDay } = input.settings;
      const perDay = new Map<string, number>();
      for (const b of input.bookings) {
        const d = wall(input.timeZone, b.start).date;
        perDay.set(d, (perDay.get(d) ?? 0) + 1);
      }
      const expected = open.filter((s) => {
        const lo = s.start - bb * MIN;
        const hi = s.end + ba * MIN;
        return (
          s.start >= input.now + minNoticeMinutes * MIN &&
          s.start < input.now + horizonDays * DAY &&
          !input.bookings.some((b) => overlaps(lo, hi, b.blockedFrom, b.blockedTo)) &&
          !input.busy.some((b) => overlaps(lo, hi, b.start, b.end)) &&
          (maxPerDay === null || (perDay.get(wall(input.timeZone, s.start).date) ?? 0) < maxPerDay)
        );
      });
      expect(slots).toEqual(expected);
    });
  });

  it('offers every step of a free day: with nothing booked, 09:00–17:00 in 60-minute steps gives 8 slots a day', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), arbFrom, (timeZone, t) => {
        const date = wall(timeZone, t).date;
        const slots = computeSlots({
          timeZone,
          rules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 540, endMinute: 1020 })),
          overrides: [],
          settings: {
            bufferBeforeMinutes: 0,
            bufferAfterMinutes: 0,
            minNoticeMinutes: 0,
            horizonDays: 365,
            maxPerDay: null,
            slotIntervalMinutes: 60,
          },
          lengthMinutes: 60,
          bookings: [],
          busy: [],
          from: t - 2 * DAY,
          to: t + 2 * DAY,
          now: t - 3 * DAY,
        });
        const onDate = slots.filter((s) => wall(timeZone, s.start).date === date);
        expect(onDate.map((s) => wall(timeZone, s.start).minute)).toEqual([540, 600, 660, 720, 780, 840, 900, 960]);
      }),
      { numRuns: 200 },
    );
  });
});
