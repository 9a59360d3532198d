import 'server-only';
import { getCache, type TCache } from '@/lib/cache/cache';
import { createInFlight } from '@/lib/cache/in-flight';
import { env } from '@/lib/config';

// Directory pages are keyed by a generation number: a change bumps it, so every cached search is
// dropped at once without listing keys (works the same on Redis and in-process).
const GEN_KEY = 'experts:gen';
const profileKey = (slug: string) => `experts:profile:${slug}`;

export function directoryTtl(): number {
  return env().DIRECTORY_CACHE_SECONDS;
}

async function generation(cache: TCache): Promise<string> {
  return (await cache.get<string>(GEN_KEY)) ?? '0';
}

// Searches being computed right now, by key: identical searches that arrive meanwhile share the one query
// instead of each running it (a burst after an invalidation, or a popular module's topics link). Nothing is
// kept once it settles, so with caching off every new search still reaches the database.
const shared = createInFlight();

/** Returns the cached value for a key in the current generation, or computes (once, for concurrent callers) and stores it. */
export async function cachedDirectory<T>(key: string, compute: () => Promise<T>, cache: TCache = getCache()): Promise<T> {
  const ttl = directoryTtl();
  const full = `experts:search:${await generation(cache)}:${key}`;
  if (ttl <= 0) return shared(full, compute);
  const hit = await cache.get<T>(full);
  if (hit !== undefined) return hit;
  return shared(full, async () => {
    const value = await compute();
    await cache.set(full, value, ttl);
    return value;
  });
}

export async function cachedProfile<T>(slug: string, compute: () => Promise<T>, cache: TCache = getCache()): Promise<T> {
  const ttl = directoryTtl();
  if (ttl <= 0) return compute();
  const hit = await cache.get<T>(profileKey(slug));
  if (hit !== undefined) return hit;
  const value = await compute();
  await cache.set(profileKey(slug), value, ttl);
  return value;
}

/** A rendered page kept for signed-out visitors (lib/http/fast-lane.ts); the body is base64 (it may be gzip). */
export type TCachedPage = { headers: Record<string, string>; body: string };

/**
 * The cache key of a rendered directory or profile page in the current generation, or null when caching is
 * off. Taken before rendering: a change made while a page renders bumps the generation, and the page is then
 * stored under the old one, where nobody looks.
 */
export async function pageKey(variant: string, cache: TCache = getCache()): Promise<string | null> {
  if (directoryTtl() <= 0) return null;
  return `experts:page:${await generation(cache)}:${variant}`;
}

/** Called after any change to a profile, its status, visibility or prices. */
export async function invalidateExpertCache(slug: string | null, cache: TCache = getCache()): Promise<void> {
  await cache.set(GEN_KEY, `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, 7 * 86_400);
  if (slug) await cache.del(profileKey(slug));
}
