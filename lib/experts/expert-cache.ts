import 'server-only';
import { getCache, type TCache } from '@/lib/cache/cache';
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

/** Returns the cached value for a key in the current generation, or computes and stores it. */
export async function cachedDirectory<T>(key: string, compute: () => Promise<T>, cache: TCache = getCache()): Promise<T> {
  const ttl = directoryTtl();
  if (ttl <= 0) return compute();
  const full = `experts:search:${await generation(cache)}:${key}`;
  const hit = await cache.get<T>(full);
  if (hit !== undefined) return hit;
  const value = await compute();
  await cache.set(full, value, ttl);
  return value;
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

/** Called after any change to a profile, its status, visibility or prices. */
export async function invalidateExpertCache(slug: string | null, cache: TCache = getCache()): Promise<void> {
  await cache.set(GEN_KEY, `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, 7 * 86_400);
  if (slug) await cache.del(profileKey(slug));
}
