'use client';

import { useClientMinute } from './viewer-time';

const DAY = 86_400_000;
const formats = new Map<string, Intl.DateTimeFormat>();
function format(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', options);
    formats.set(key, f);
  }
  return f;
}

/**
 * "Tue 14:30" in the viewer's zone (`timeZone`, default the browser's) for a time within the next 6 days;
 * "Tue 8 Dec, 14:30" further out, so a weekday is never a week off.
 */
export function formatNextAvailable(at: number, now: number, timeZone?: string): string {
  const near = at - now < 6 * DAY;
  const options: Intl.DateTimeFormatOptions = near
    ? { weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }
    : { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone };
  return format(`${near}|${timeZone ?? ''}`, options).format(at);
}

/**
 * The expert's next free time, "Next: Tue 14:30" in the viewer's zone, rendered in the browser only (the page
 * may be a kept one, and only the browser knows the viewer's zone). `at` is the ISO instant the directory
 * stores (expert_profiles.next_available_at); nothing is shown for none, or for one already past (the
 * 5-minute refresh replaces it).
 */
export function NextAvailable({ at, timeZone }: { at: string | null; timeZone?: string }) {
  const now = useClientMinute();
  if (now === null || !at) return null;
  const t = Date.parse(at);
  if (!Number.isFinite(t) || t < now) return null;
  return (
    <span data-testid="next-available" className="text-emerald-700 dark:text-emerald-400">
      Next: <time dateTime={at}>{formatNextAvailable(t, now, timeZone)}</time>
    </span>
  );
}
