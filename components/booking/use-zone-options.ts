'use client';

import { useMemo, useSyncExternalStore } from 'react';
import { allZones } from './zoned';

const noSubscription = () => () => undefined;

/**
 * The options of a "Times in" select: every zone, once the page has hydrated; none in the server's HTML and the
 * hydrating render. The server does not know the browser's zone (the select's state starts from it on the client),
 * so it could not even render the chosen option without a mismatch; and ~420 options on every /sessions and
 * profile view were ~20 kB of HTML and their render per request (issue #15). The select only works with
 * JavaScript anyway: its change is React state.
 */
export function useZoneOptions(current: string): readonly string[] {
  const all = useSyncExternalStore(noSubscription, allZones, () => null);
  return useMemo(() => (!all ? [] : all.includes(current) ? all : [current, ...all]), [all, current]);
}
