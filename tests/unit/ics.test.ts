import { describe, expect, it } from 'vitest';
import { bookingIcs, type TIcsInput } from '@/lib/booking/ics';

// Unfolds RFC 5545 lines (CRLF + space continues a line) and returns the properties of the VEVENT and the calendar.
function parse(text: string) {
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
  const at = (name: string, within: string[]) => within.filter((l) => l.split(/[:;]/)[0] === name);
  const begin = lines.indexOf('BEGIN:VEVENT');
  const end = lines.indexOf('END:VEVENT');
  return {
    lines,
    calendar: (n: string) => at(n, lines.slice(0, begin)),
    event: (n: string) => at(n, lines.slice(begin, end)),
    count: (l: string) => lines.filter((x) => x === l).length,
  };
}

const base: TIcsInput = {
  id: '4f1c2b7e-8a4b-4f0e-9a39-1b2c3d4e5f60',
  status: 'confirmed',
  sequence: 0,
  start: new Date('2026-03-08T14:00:00Z'),
  end: new Date('2026-03-08T15:00:00Z'),
  brief:
    'Recursion, and why my tree walk overflows the stack; also: commas, semicolons; and a very long line that has to be folded by the generator because it is longer than seventy-five octets',
  expert: { name: 'Ada Expert', email: 'ada@example.test' },
  learner: { name: 'Lee Learner', email: 'lee@example.test' },
  appUrl: 'https://pathwise.example',
};

describe('booking calendar files', () => {
  it('a confirmed session: METHOD:REQUEST, stable UID, SEQUENCE, UTC times, organizer, both attendees, brief and link', () => {
    const ics = parse(bookingIcs(base));
    expect(ics.lines[0]).toBe('BEGIN:VCALENDAR');
    expect(ics.calendar('METHOD')).toEqual(['METHOD:REQUEST']);
    expect(ics.count('BEGIN:VEVENT')).toBe(1);
    expect(ics.event('UID')).toEqual([`UID:${base.id}@pathwise`]);
    expect(ics.event('SEQUENCE')).toEqual(['SEQUENCE:0']);
    expect(ics.event('DTSTART')).toEqual(['DTSTART:20260308T140000Z']);
    expect(ics.event('DTEND')).toEqual(['DTEND:20260308T150000Z']);
    expect(ics.event('STATUS')).toEqual(['STATUS:CONFIRMED']);
    expect(ics.event('ORGANIZER')[0]).toMatch(/^ORGANIZER;CN="?Pathwise"?:mailto:sessions@pathwise\.local$/i);
    const attendees = ics.event('ATTENDEE');
    expect(attendees).toHaveLength(2);
    expect(attendees.join('\n').toLowerCase()).toContain('mailto:lee@example.test');
    expect(attendees.join('\n').toLowerCase()).toContain('mailto:ada@example.test');
    const description = ics.event('DESCRIPTION')[0];
    expect(description).toContain('Brief: Recursion');
    expect(description).toContain('commas\\, semicolons\\;');
    expect(description).toContain('https://pathwise.example/sessions');
    // Every physical line stays within 75 octets.
    expect(
      bookingIcs(base)
        .split('\r\n')
        .every((l) => Buffer.byteLength(l) <= 75),
    ).toBe(true);
  });

  it('a reschedule keeps the UID and raises SEQUENCE', () => {
    const moved = parse(
      bookingIcs({ ...base, sequence: 2, start: new Date('2026-03-09T16:30:00Z'), end: new Date('2026-03-09T17:30:00Z') }),
    );
    expect(moved.event('UID')).toEqual([`UID:${base.id}@pathwise`]);
    expect(moved.event('SEQUENCE')).toEqual(['SEQUENCE:2']);
    expect(moved.event('DTSTART')).toEqual(['DTSTART:20260309T163000Z']);
  });

  it('a hold not yet paid is tentative; a lapsed hold is cancelled', () => {
    expect(parse(bookingIcs({ ...base, status: 'held' })).event('STATUS')).toEqual(['STATUS:TENTATIVE']);
    expect(parse(bookingIcs({ ...base, status: 'expired' })).calendar('METHOD')).toEqual(['METHOD:CANCEL']);
  });

  it('a cancellation is METHOD:CANCEL with STATUS:CANCELLED and the same UID', () => {
    const cancelled = parse(bookingIcs({ ...base, status: 'cancelled', sequence: 1 }));
    expect(cancelled.calendar('METHOD')).toEqual(['METHOD:CANCEL']);
    expect(cancelled.event('STATUS')).toEqual(['STATUS:CANCELLED']);
    expect(cancelled.event('UID')).toEqual([`UID:${base.id}@pathwise`]);
    expect(cancelled.event('SEQUENCE')).toEqual(['SEQUENCE:1']);
  });
});
