import 'server-only';
import { LRUCache } from 'lru-cache';
import type { Redis } from 'ioredis';
import { getRedis, isRedisReady } from './redis';

export interface TCache {
  readonly kind: 'redis' | 'memory';
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlSeconds: number): Promise<void>;
  del(...keys: string[]): Promise<void>;
}

export function createMemoryCache(max = 5000, clock: { now(): number } = Date): TCache {
  const lru = new LRUCache<string, { v: unknown }>({ max, perf: clock, ttlResolution: 0 });
  return {
    kind: 'memory',
    async get<T>(key: string) {
      return lru.get(key)?.v as T | undefined;
    },
    async set(key, value, ttlSeconds) {
      lru.set(key, { v: value }, { ttl: ttlSeconds * 1000 });
    },
    async del(...keys) {
      for (const k of keys) lru.delete(k);
    },
  };
}

/** Writes that could not reach Redis, kept to be replayed when it returns (bounded; see createRedisCache). */
const MAX_PENDING = 1000;
const MAX_REPLAYED_VALUE = 16 * 1024;
type TPendingWrite = { value: string; expiresAt: number } | null; // null: delete

/**
 * The cache on Redis, degrading to "always a miss" while Redis is away: reads skip it (the caller computes from
 * the database), writes are not sent. Nothing here is the only copy of anything, so an outage costs speed, not
 * data. One thing would go stale, though: a write that matters because it *replaces* what Redis holds (a
 * revoked session's entry deleted, the directory's generation bumped) and that Redis missed. Redis may come
 * back with its old data (a network cut rather than a restart), so the last missed write of each key is
 * replayed on reconnect, in order; a large value is replaced by a delete (a miss recomputes it).
 */
export function createRedisCache(redis: Redis, prefix = 'pw:', o: { now?: () => number; warn?: (err: unknown) => void } = {}): TCache {
  const now = o.now ?? Date.now;
  const warn = o.warn ?? (() => undefined);
  const pending = new Map<string, TPendingWrite>();
  const remember = (key: string, write: TPendingWrite) => {
    pending.delete(key); // re-inserted last: replay keeps the order of the writes
    if (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value as string);
    pending.set(key, write && write.value.length > MAX_REPLAYED_VALUE ? null : write);
  };
  async function replay() {
    for (const [key, write] of [...pending]) {
      if (!isRedisReady(redis)) return; // away again: the rest waits for the next reconnect
      pending.delete(key);
      const ttlMs = write ? write.expiresAt - now() : 0;
      try {
        if (write && ttlMs > 0) await redis.set(key, write.value, 'PX', ttlMs);
        else await redis.del(key);
      } catch (err) {
        if (!pending.has(key)) pending.set(key, write);
        warn(err);
        return;
      }
    }
  }
  redis.on('ready', () => void replay());

  return {
    kind: 'redis',
    async get<T>(key: string) {
      if (!isRedisReady(redis) || pending.has(prefix + key)) return undefined;
      try {
        const raw = await redis.get(prefix + key);
        return raw === null ? undefined : (JSON.parse(raw) as T);
      } catch (err) {
        warn(err);
        return undefined;
      }
    },
    async set(key, value, ttlSeconds) {
      const k = prefix + key;
      const raw = JSON.stringify(value);
      if (isRedisReady(redis) && !pending.has(k)) {
        try {
          await redis.set(k, raw, 'EX', ttlSeconds);
          return;
        } catch (err) {
          warn(err);
        }
      }
      remember(k, { value: raw, expiresAt: now() + ttlSeconds * 1000 });
    },
    async del(...keys) {
      if (!keys.length) return;
      const ks = keys.map((k) => prefix + k);
      if (isRedisReady(redis) && !ks.some((k) => pending.has(k))) {
        try {
          await redis.del(...ks);
          return;
        } catch (err) {
          warn(err);
        }
      }
      for (const k of ks) remember(k, null);
    },
  };
}

const holder = globalThis as unknown as { __pathwiseCache?: TCache };

/** Redis when REDIS_URL is set, an in-process LRU otherwise. */
export function getCache(): TCache {
  if (!holder.__pathwiseCache) {
    const redis = getRedis();
    holder.__pathwiseCache = redis ? createRedisCache(redis) : createMemoryCache();
  }
  return holder.__pathwiseCache;
}
