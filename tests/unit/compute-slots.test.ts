import { describe, expect, it } from 'vitest';
import { computeSlots } from '@/lib/availability/compute-slots';
import { DEFAULT_AVAILABILITY_SETTINGS, type TSlotInput, type TWeeklyRule } from '@/lib/availability/types';
import { startOfLocalDate, wallParts, wallToInstant } from '@/lib/availability/zoned-time';

const H = 60;
const MIN = 60_000;
const iso = (t: number) => new Date(t).toISOString();
const at = (s: string) => Date.parse(s);
const everyDay = (startMinute: number, endMinute: number): TWeeklyRule[] =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute, endMinute }));

/** Slots of one local date in `timeZone`, with a 09:00–17:00 rule every day unless given. */
function slotsOn(timeZone: string, date: string, over: Partial<TSlotInput> = {}) {
  const from = startOfLocalDate(timeZone, date);
  const nextDay = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const to = startOfLocalDate(timeZone, nextDay);
  return computeSlots({
    timeZone,
    rules: everyDay(9 * H, 17 * H),
    overrides: [],
    settings: { ...DEFAULT_AVAILABILITY_SETTINGS, minNoticeMinutes: 0, horizonDays: 365, slotIntervalMinutes: 60 },
    lengthMinutes: 60,
    bookings: [],
    busy: [],
    from,
    to,
    now: at('2026-01-01T00:00:00Z'),
    ...over,
  });
}

/** "HH:MM" local wall time of an instant. */
function local(timeZone: string, t: number) {
  const w = wallParts(timeZone, t);
  return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

describe('computeSlots on the 2026 DST dates: 09:00–17:00 stays 09:00–17:00 local', () => {
  const cases: [zone: string, date: string, firstUtc: string][] = [
    ['America/New_York', '2026-03-07', '2026-03-07T14:00:00.000Z'],
    ['America/New_York', '2026-03-08', '2026-03-08T13:00:00.000Z'], // 23 h day, EDT from here
    ['America/New_York', '2026-10-31', '2026-10-31T13:00:00.000Z'],
    ['America/New_York', '2026-11-01', '2026-11-01T14:00:00.000Z'], // 25 h day, EST from here
    ['Europe/Berlin', '2026-03-29', '2026-03-29T07:00:00.000Z'],
    ['Europe/Berlin', '2026-10-25', '2026-10-25T08:00:00.000Z'],
    ['Australia/Lord_Howe', '2026-04-04', '2026-04-03T22:00:00.000Z'], // +11
    ['Australia/Lord_Howe', '2026-04-05', '2026-04-04T22:30:00.000Z'], // +10:30 (30-minute DST ends)
    ['Australia/Lord_Howe', '2026-10-04', '2026-10-03T22:00:00.000Z'], // +11 again
    ['Pacific/Chatham', '2026-04-04', '2026-04-03T19:15:00.000Z'], // +13:45
    ['Pacific/Chatham', '2026-04-05', '2026-04-04T20:15:00.000Z'], // +12:45
    ['Pacific/Chatham', '2026-09-27', '2026-09-26T19:15:00.000Z'], // +13:45
    ['Asia/Kolkata', '2026-03-08', '2026-03-08T03:30:00.000Z'], // +05:30
    ['Asia/Kathmandu', '2026-11-01', '2026-11-01T03:15:00.000Z'], // +05:45
  ];
  it.each(cases)('%s on %s', (zone, date, firstUtc) => {
    const slots = slotsOn(zone, date);
    expect(slots).toHaveLength(8);
    expect(iso(slots[0].start)).toBe(firstUtc);
    expect(slots.map((s) => local(zone, s.start))).toEqual(['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00']);
    expect(local(zone, slots[7].end)).toBe('17:00');
    for (const s of slots) expect(s.end - s.start).toBe(60 * MIN);
  });
});

describe('the one rule for skipped and repeated wall times', () => {
  it('maps a wall time in the spring-forward gap to the first instant after the gap', () => {
    expect(iso(wallToInstant('America/New_York', Date.UTC(2026, 2, 8, 2, 30)))).toBe('2026-03-08T07:00:00.000Z'); // 03:00 EDT
    expect(iso(wallToInstant('Europe/Berlin', Date.UTC(2026, 2, 29, 2, 30)))).toBe('2026-03-29T01:00:00.000Z'); // 03:00 CEST
    expect(iso(wallToInstant('Australia/Lord_Howe', Date.UTC(2026, 9, 4, 2, 15)))).toBe('2026-10-03T15:30:00.000Z'); // 02:30 +11
    expect(iso(wallToInstant('Pacific/Chatham', Date.UTC(2026, 8, 27, 3, 0)))).toBe('2026-09-26T14:00:00.000Z'); // 03:45 +13:45
  });

  it('maps a repeated wall time to its first occurrence', () => {
    expect(iso(wallToInstant('America/New_York', Date.UTC(2026, 10, 1, 1, 30)))).toBe('2026-11-01T05:30:00.000Z'); // EDT
    expect(iso(wallToInstant('Europe/Berlin', Date.UTC(2026, 9, 25, 2, 30)))).toBe('2026-10-25T00:30:00.000Z'); // CEST
    expect(iso(wallToInstant('Australia/Lord_Howe', Date.UTC(2026, 3, 5, 1, 45)))).toBe('2026-04-04T14:45:00.000Z'); // +11
    expect(iso(wallToInstant('Pacific/Chatham', Date.UTC(2026, 3, 5, 2, 45)))).toBe('2026-04-04T13:00:00.000Z'); // +13:45
  });

  it('a rule starting at 02:30 on the New York spring day starts at 03:00 EDT', () => {
    const slots = slotsOn('America/New_York', '2026-03-08', {
      rules: everyDay(2 * H + 30, 4 * H),
      settings: { ...DEFAULT_AVAILABILITY_SETTINGS, minNoticeMinutes: 0, horizonDays: 365, slotIntervalMinutes: 30 },
      lengthMinutes: 30,
    });
    // 02:30 and 03:00 both map to 07:00Z: one slot, not two.
    expect(slots.map((s) => iso(s.start))).toEqual(['2026-03-08T07:00:00.000Z', '2026-03-08T07:30:00.000Z']);
  });

  it('a rule starting at 01:30 on the New York fall day starts at the first 01:30 (EDT) and ends at 03:00 EST', () => {
    const slots = slotsOn('America/New_York', '2026-11-01', {
      rules: everyDay(H + 30, 3 * H),
      settings: { ...DEFAULT_AVAILABILITY_SETTINGS, minNoticeMinutes: 0, horizonDays: 365, slotIntervalMinutes: 30 },
      lengthMinutes: 30,
    });
    // Steps are local wall times: 01:30 (EDT), 02:00 (EST), 02:30 (EST); the range ends at 03:00 EST = 08:00Z.
    expect(slots.map((s) => iso(s.start))).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-01T07:00:00.000Z', '2026-11-01T07:30:00.000Z']);
    expect(iso(slots.at(-1)!.end)).toBe('2026-11-01T08:00:00.000Z');
  });

  it('a session that would run past the range end is not offered, even across the repeated hour', () => {
    // 01:30–02:00 on the fall day is 90 real minutes (05:30Z–07:00Z): a 60-minute session fits once.
    const slots = slotsOn('America/New_York', '2026-11-01', { rules: everyDay(H + 30, 2 * H) });
    expect(slots.map((s) => iso(s.start))).toEqual(['2026-11-01T05:30:00.000Z']);
  });
});

describe('bookings, busy blocks and buffers', () => {
  const zone = 'Europe/Berlin';
  const date = '2026-06-10'; // CEST, +2: 09:00 local = 07:00Z
  const settings = { ...DEFAULT_AVAILABILITY_SETTINGS, minNoticeMinutes: 0, horizonDays: 365, slotIntervalMinutes: 60 as const };
  const starts = (over: Partial<TSlotInput>) => slotsOn(zone, date, { settings, ...over }).map((s) => local(zone, s.start));

  it('a booking blocks its own blocked range (its buffers included)', () => {
    const b = {
      start: at('2026-06-10T09:00:00Z'),
      end: at('2026-06-10T10:00:00Z'),
      blockedFrom: at('2026-06-10T08:45:00Z'),
      blockedTo: at('2026-06-10T10:15:00Z'),
    };
    // 11:00–12:00 local is the session; its blocked range 10:45–12:15 also takes 10:00 (ends 11:00 > 10:45) and 12:00.
    expect(starts({ bookings: [b] })).toEqual(['09:00', '13:00', '14:00', '15:00', '16:00']);
  });

  it('the new slot needs its own buffers free of bookings and busy blocks', () => {
    const b = {
      start: at('2026-06-10T09:00:00Z'),
      end: at('2026-06-10T10:00:00Z'),
      blockedFrom: at('2026-06-10T09:00:00Z'),
      blockedTo: at('2026-06-10T10:00:00Z'),
    };
    // The session is 11:00–12:00 local with no buffers of its own.
    expect(starts({ bookings: [b] })).toEqual(['09:00', '10:00', '12:00', '13:00', '14:00', '15:00', '16:00']);
    expect(starts({ bookings: [b], settings: { ...settings, bufferBeforeMinutes: 10 } })).toEqual([
      '09:00',
      '10:00',
      '13:00',
      '14:00',
      '15:00',
      '16:00',
    ]);
    expect(starts({ bookings: [b], settings: { ...settings, bufferAfterMinutes: 10 } })).toEqual([
      '09:00',
      '12:00',
      '13:00',
      '14:00',
      '15:00',
      '16:00',
    ]);
    const busy = [{ start: at('2026-06-10T12:00:00Z'), end: at('2026-06-10T12:05:00Z') }]; // 14:00–14:05 local
    expect(starts({ busy })).toEqual(['09:00', '10:00', '11:00', '12:00', '13:00', '15:00', '16:00']);
    expect(starts({ busy, settings: { ...settings, bufferAfterMinutes: 5 } })).toEqual([
      '09:00',
      '10:00',
      '11:00',
      '12:00',
      '15:00',
      '16:00',
    ]);
    const busyBefore = [{ start: at('2026-06-10T11:55:00Z'), end: at('2026-06-10T12:00:00Z') }]; // 13:55–14:00 local
    expect(starts({ busy: busyBefore })).toEqual(['09:00', '10:00', '11:00', '12:00', '14:00', '15:00', '16:00']);
    expect(starts({ busy: busyBefore, settings: { ...settings, bufferBeforeMinutes: 5 } })).toEqual([
      '09:00',
      '10:00',
      '11:00',
      '12:00',
      '15:00',
      '16:00',
    ]);
  });

  it('touching is not overlapping (half-open intervals)', () => {
    const busy = [{ start: at('2026-06-10T08:00:00Z'), end: at('2026-06-10T09:00:00Z') }]; // 10:00–11:00 local
    expect(starts({ busy })).toEqual(['09:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00']);
  });
});

describe('notice, horizon, daily maximum, overrides', () => {
  const zone = 'Asia/Kolkata'; // 09:00 local = 03:30Z
  const settings = { ...DEFAULT_AVAILABILITY_SETTINGS, minNoticeMinutes: 0, horizonDays: 365, slotIntervalMinutes: 60 as const };

  it('offers nothing before now + minimum notice', () => {
    const slots = slotsOn(zone, '2026-05-04', { now: at('2026-05-04T04:00:00Z'), settings: { ...settings, minNoticeMinutes: 120 } });
    expect(iso(slots[0].start)).toBe('2026-05-04T06:30:00.000Z'); // 12:00 local; 11:30 local would be the boundary, not a step
    const exact = slotsOn(zone, '2026-05-04', { now: at('2026-05-04T03:30:00Z'), settings: { ...settings, minNoticeMinutes: 60 } });
    expect(iso(exact[0].start)).toBe('2026-05-04T04:30:00.000Z'); // start = now + notice is allowed
  });

  it('offers nothing at or after now + horizon days (elapsed 24 h days)', () => {
    const now = at('2026-05-01T05:30:00Z'); // 11:00 local
    const slots = slotsOn(zone, '2026-05-03', { now, settings: { ...settings, horizonDays: 2 } });
    expect(slots.map((s) => local(zone, s.start))).toEqual(['09:00', '10:00']);
  });

  it('a day whose live bookings reach the daily maximum offers nothing; other days are untouched', () => {
    const booking = (s: string) => ({ start: at(s), end: at(s) + 3_600_000, blockedFrom: at(s), blockedTo: at(s) + 3_600_000 });
    const bookings = [booking('2026-05-04T03:30:00Z'), booking('2026-05-04T05:30:00Z')];
    const capped = { ...settings, maxPerDay: 2 };
    expect(slotsOn(zone, '2026-05-04', { bookings, settings: capped })).toEqual([]);
    expect(slotsOn(zone, '2026-05-04', { bookings: bookings.slice(1), settings: capped })).toHaveLength(7);
    // A booking at 23:30 local on the 3rd counts for the 3rd, not the 4th (the expert's local day).
    const lateOn3rd = booking('2026-05-03T18:00:00Z');
    expect(slotsOn(zone, '2026-05-04', { bookings: [lateOn3rd, bookings[1]], settings: capped })).toHaveLength(7);
  });

  it('an override replaces the weekly hours of its date; no ranges is a day off', () => {
    const off = slotsOn(zone, '2026-05-04', { overrides: [{ date: '2026-05-04', ranges: [] }] });
    expect(off).toEqual([]);
    const other = slotsOn(zone, '2026-05-04', {
      overrides: [{ date: '2026-05-04', ranges: [{ startMinute: 18 * H, endMinute: 20 * H }] }],
    });
    expect(other.map((s) => local(zone, s.start))).toEqual(['18:00', '19:00']);
    const elsewhere = slotsOn(zone, '2026-05-04', { overrides: [{ date: '2026-05-05', ranges: [] }] });
    expect(elsewhere).toHaveLength(8);
  });

  it('merges overlapping weekly ranges and returns sorted, distinct slots', () => {
    const rules = [
      { weekday: 1, startMinute: 13 * H, endMinute: 15 * H },
      { weekday: 1, startMinute: 9 * H, endMinute: 11 * H },
      { weekday: 1, startMinute: 10 * H, endMinute: 12 * H },
    ];
    const slots = slotsOn(zone, '2026-05-04', { rules }); // a Monday
    expect(slots.map((s) => local(zone, s.start))).toEqual(['09:00', '10:00', '11:00', '13:00', '14:00']);
  });

  it('steps by the slot interval from the range start', () => {
    const slots = slotsOn(zone, '2026-05-04', {
      rules: everyDay(9 * H + 15, 11 * H),
      settings: { ...settings, slotIntervalMinutes: 20 },
      lengthMinutes: 45,
    });
    expect(slots.map((s) => local(zone, s.start))).toEqual(['09:15', '09:35', '09:55', '10:15']); // 10:15 + 45 min ends at 11:00 exactly
  });
});
