import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { formatNextAvailable, NextAvailable } from '@/components/experts/next-available';
import { ViewerLocalTime } from '@/components/experts/viewer-time';

// "Next: Tue 14:30" in the viewer's zone; nothing at all in server-rendered HTML (kept pages).
const NOW = Date.parse('2026-11-24T08:00:00Z'); // a Tuesday

describe('formatNextAvailable', () => {
  it("shows weekday and time in the viewer's zone within six days", () => {
    const at = Date.parse('2026-11-24T13:30:00Z');
    expect(formatNextAvailable(at, NOW, 'Europe/Berlin')).toBe('Tue 14:30');
    expect(formatNextAvailable(at, NOW, 'Asia/Kolkata')).toBe('Tue 19:00');
    expect(formatNextAvailable(at, NOW, 'America/Los_Angeles')).toBe('Tue 05:30');
    expect(formatNextAvailable(Date.parse('2026-11-25T02:00:00Z'), NOW, 'America/New_York')).toBe('Tue 21:00'); // still Tuesday there
  });

  it('adds the date further out, so a weekday is never a week off', () => {
    expect(formatNextAvailable(Date.parse('2026-12-01T13:30:00Z'), NOW, 'Europe/Berlin')).toBe('Tue 1 Dec, 14:30');
  });
});

describe('server rendering', () => {
  it('renders no time on the server, for the next slot or the local clock', () => {
    expect(renderToString(createElement(NextAvailable, { at: '2026-11-24T13:30:00Z' }))).toBe('');
    expect(renderToString(createElement(ViewerLocalTime, { zone: 'Europe/Berlin' }))).toBe('');
  });
});
