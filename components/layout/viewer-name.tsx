'use client';

import { useSyncExternalStore } from 'react';
import { readViewerCookie } from '@/lib/auth/viewer-cookie';

const noSubscription = () => () => undefined;

/**
 * The signed-in visitor's name for the header. A normal render passes it; a page kept per role (issue #15,
 * lib/http/fast-lane.ts) passes null and the name comes from the cookie the lane sent with the page. Hydration
 * uses the server's value, so the kept HTML and the first client render agree; the cookie's name follows at once.
 */
export function useViewerName(name: string | null): string | null {
  return useSyncExternalStore(
    noSubscription,
    () => name ?? readViewerCookie(document.cookie),
    () => name,
  );
}

export function ViewerName({ name }: { name: string | null }) {
  return <>{useViewerName(name) ?? 'Signed in'}</>;
}
