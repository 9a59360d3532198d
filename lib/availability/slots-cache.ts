import 'server-only';
import { getCache, type TCache } from '@/lib/cache/cache';
import { createInFlight } from '@/lib/cache/in-flight';
import { env } from '@/lib/config';

// The public slots API's answers, kept for a few seconds under a generation every slot change bumps
// (publishSlotsChanged bumps it before it tells the watchers, so their refetch never reads an old answer).
// The cache only spares repeated identical month requests the load and the computation; it decides nothing:
// a hold re-checks its start inside its own transaction and the exclusion constraint has the last word.
// Changes that do not go through publishSlotsChanged (an admin pausing or hiding an expert, a profile change,
// the clock passing the minimum notice) show within SLOTS_CACHE_SECONDS. DIRECTORY_CACHE_SECONDS=0 turns it off.

const GEN_KEY = 'slots:gen';
export const SLOTS_CACHE_SECONDS = 10;

const shared = createInFlight();

/** Drops every kept slots answer (call after a write that changed an expert's free slots committed). */
export async function bumpSlotsGeneration(cache: TCache = getCache()): Promise<void> {
  await cache.set(GEN_KEY, `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, 7 * 86_400);
}

/**
 * The JSON body for a slots request, from the cache when an identical request was answered in this generation
 * within SLOTS_CACHE_SECONDS, else computed once for every concurrent identical request and kept. Errors are
 * never kept.
 */
export async function cachedSlotsBody(key: string, compute: () => Promise<string>, cache: TCache = getCache()): Promise<string> {
  if (env().DIRECTORY_CACHE_SECONDS <= 0) return compute();
  const full = `slots:${(await cache.get<string>(GEN_KEY)) ?? '0'}:${key}`;
  const hit = await cache.get<string>(full);
  if (hit !== undefined) return hit;
  return shared(full, async () => {
    const body = await compute();
    await cache.set(full, body, SLOTS_CACHE_SECONDS);
    return body;
  });
}
