'use client';

import { useEffect, useState } from 'react';

/** The current time, re-read every `everyMs` (for countdowns and "today"). */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
