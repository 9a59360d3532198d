import { describe, expect, it } from 'vitest';
import { toTimeZone } from '@/lib/auth/time-zone';
import { formatDay, formatDuration, formatPercent, localeFromAcceptLanguage } from '@/lib/format/format';

describe('lib/format: one format per kind, in the viewer’s locale', () => {
  it('percent: whole numbers, never "4.9 %" next to "4 %"', () => {
    expect([4, 4.9, 12.4, 0, 100].map((v) => formatPercent(v, 'en-US'))).toEqual(['4%', '5%', '12%', '0%', '100%']);
    expect(formatPercent(0.2, 'en-US')).toBe('<1%'); // something done never reads as nothing
    expect(formatPercent(99.8, 'en-US')).toBe('>99%'); // not done never reads as done
    expect(formatPercent(12.4, 'de-DE')).toBe('12\u00a0%');
  });

  it('durations: hours and whole minutes, no "7.48 h"', () => {
    expect(formatDuration(449, 'en-US')).toBe('7 hr 29 min');
    expect(formatDuration(45, 'en-US')).toBe('45 min');
    expect(formatDuration(120, 'en-US')).toBe('2 hr');
    expect(formatDuration(0, 'en-US')).toBe('0 min');
  });

  it('dates: readable and localised, not ISO', () => {
    expect(formatDay('2027-02-17', 'en-US')).toBe('Feb 17, 2027');
    expect(formatDay('2027-02-17', 'en-GB')).toBe('17 Feb 2027');
    expect(formatDay('2027-02-17', 'en-US', 'short')).toBe('Feb 17');
  });

  it('reads the locale from Accept-Language, falling back to en-US', () => {
    expect(localeFromAcceptLanguage('de-DE,de;q=0.9,en;q=0.8')).toBe('de-DE');
    expect(localeFromAcceptLanguage('*, not a tag!!, en-GB')).toBe('en-GB');
    expect(localeFromAcceptLanguage(null)).toBe('en-US');
  });
});

describe('time zones from the browser', () => {
  it('keeps real IANA zones (canonical spelling) and falls back to UTC', () => {
    expect(toTimeZone('Pacific/Auckland')).toBe('Pacific/Auckland');
    expect(toTimeZone('america/los_angeles')).toBe('America/Los_Angeles');
    expect(toTimeZone('Mars/Olympus_Mons')).toBe('UTC');
    expect(toTimeZone('')).toBe('UTC');
    expect(toTimeZone(undefined)).toBe('UTC');
  });
});
