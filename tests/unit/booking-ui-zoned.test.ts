import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dayKey, groupByDay, offsetChangeBetween, offsetMinutes, timeLabel } from '@/components/booking/zoned';

// The booking panel's time labels and DST warning come from these helpers (Intl with IANA zones only).

describe('booking UI time helpers', () => {
  it('puts one instant on each side’s local day and clock', () => {
    const t = '2026-03-10T15:30:00Z';
    expect(dayKey(t, 'Asia/Kolkata')).toBe('2026-03-10');
    expect(timeLabel(t, 'Asia/Kolkata', 'en-US')).toBe('9:00 PM');
    expect(timeLabel(t, 'America/New_York', 'en-US')).toBe('11:30 AM');
    expect(dayKey('2026-03-10T20:00:00Z', 'Asia/Kolkata')).toBe('2026-03-11');
    expect(dayKey('2026-03-10T03:00:00Z', 'America/Los_Angeles')).toBe('2026-03-09');
  });

  it('reads half-, quarter- and 45-minute offsets', () => {
    expect(offsetMinutes('2026-06-01T00:00:00Z', 'Asia/Kolkata')).toBe(330);
    expect(offsetMinutes('2026-06-01T00:00:00Z', 'Asia/Kathmandu')).toBe(345);
    expect(offsetMinutes('2026-06-01T00:00:00Z', 'Pacific/Chatham')).toBe(765);
    expect(offsetMinutes('2026-01-01T00:00:00Z', 'Pacific/Chatham')).toBe(825);
    expect(offsetMinutes('2026-01-15T12:00:00Z', 'America/New_York')).toBe(-300);
    expect(offsetMinutes('2026-01-15T12:00:00Z', 'UTC')).toBe(0);
  });

  it('finds the 2026 clock changes between now and a slot, to the minute, and none where there is none', () => {
    // New York springs forward at 02:00 EST = 07:00 UTC on 2026-03-08 and falls back at 06:00 UTC on 2026-11-01.
    expect(new Date(offsetChangeBetween('2026-03-01T00:00:00Z', '2026-03-20T00:00:00Z', 'America/New_York')!).toISOString()).toBe(
      '2026-03-08T07:00:00.000Z',
    );
    expect(new Date(offsetChangeBetween('2026-10-20T00:00:00Z', '2026-11-05T00:00:00Z', 'America/New_York')!).toISOString()).toBe(
      '2026-11-01T06:00:00.000Z',
    );
    // Lord Howe's 30-minute change (02:00 local +11 → 01:30 +10:30 on 2026-04-05 = 15:00 UTC on 04-04).
    expect(new Date(offsetChangeBetween('2026-04-01T00:00:00Z', '2026-04-10T00:00:00Z', 'Australia/Lord_Howe')!).toISOString()).toBe(
      '2026-04-04T15:00:00.000Z',
    );
    expect(offsetChangeBetween('2026-03-01T00:00:00Z', '2026-12-31T00:00:00Z', 'Asia/Kolkata')).toBeNull();
    expect(offsetChangeBetween('2026-03-09T00:00:00Z', '2026-03-20T00:00:00Z', 'America/New_York')).toBeNull();
  });

  it('groups slots by the viewer’s local day, in order, and steps calendar dates', () => {
    const slots = ['2026-03-10T17:00:00Z', '2026-03-10T18:00:00Z', '2026-03-10T19:00:00Z'].map((start) => ({ start }));
    expect([...groupByDay(slots, 'Asia/Kolkata').entries()].map(([k, v]) => [k, v.length])).toEqual([
      ['2026-03-10', 2],
      ['2026-03-11', 1],
    ]);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
  });
});

describe('zone names', () => {
  it('shows the current IANA name for zones ICU still reports by an old one', async () => {
    const { allZones, currentZoneName } = await import('@/components/booking/zoned');
    expect(currentZoneName('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(currentZoneName('America/New_York')).toBe('America/New_York');
    expect(allZones()).toContain('Asia/Kolkata');
    expect(allZones()).not.toContain('Asia/Calcutta');
  });
});
