'use client';

import { useSyncExternalStore } from 'react';

// Times that depend on "now" or on the viewer's zone are rendered in the browser only: directory and profile
// pages are kept for signed-out visitors (lib/http/fast-lane.ts), so a server-rendered clock would be as old
// as the kept page, and the server does not know the viewer's zone. The server snapshot is null (nothing is
// rendered); the browser renders right after hydration and then once a minute.

const MINUTE = 60_000;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => listeners.forEach((l) => l()), 15_000);
  return () => {
    listeners.delete(listener);
    if (!listeners.size && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
const minuteNow = () => Math.floor(Date.now() / MINUTE) * MINUTE;
const serverNow = () => null;

/** The current minute (epoch ms) in the browser; null while rendering on the server and during hydration. */
export function useClientMinute(): number | null {
  return useSyncExternalStore(subscribe, minuteNow, serverNow);
}

const clocks = new Map<string, Intl.DateTimeFormat>();
/** "14:30" in the given IANA zone (24-hour). */
export function formatLocalTime(timeZone: string, at: number): string {
  let f = clocks.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone });
    clocks.set(timeZone, f);
  }
  return f.format(at);
}

/**
 * The expert's current local time ("14:30"), rendered in the browser only. `prefix`/`suffix` are shown with it,
 * so nothing is left dangling before hydration (" · 14:30 local time").
 */
export function ViewerLocalTime({ zone, prefix = '', suffix = ' local time' }: { zone: string; prefix?: string; suffix?: string }) {
  const now = useClientMinute();
  if (now === null) return null;
  let time: string;
  try {
    time = formatLocalTime(zone, now);
  } catch {
    return null; // a zone this browser does not know
  }
  return (
    <span>
      {prefix}
      <span data-testid="local-time">{time}</span>
      {suffix}
    </span>
  );
}
