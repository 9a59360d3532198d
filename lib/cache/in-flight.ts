/**
 * Identical work asked for while it is still running is shared: the second caller gets the first caller's
 * promise. Nothing is kept once it settles (a later call runs again), so this never serves stale data; it only
 * collapses bursts — a stampede after a cache invalidation, or the losers of one booking race.
 */
export function createInFlight(): <T>(key: string, compute: () => Promise<T>) => Promise<T> {
  const running = new Map<string, Promise<unknown>>();
  return <T>(key: string, compute: () => Promise<T>): Promise<T> => {
    const current = running.get(key) as Promise<T> | undefined;
    if (current) return current;
    const p = compute().finally(() => running.delete(key));
    running.set(key, p);
    return p;
  };
}
