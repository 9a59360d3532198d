import 'server-only';
import { LRUCache } from 'lru-cache';
import type { Redis } from 'ioredis';
import { getRedis } from './redis';

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

export function createRedisCache(redis: Redis, prefix = 'pw:'): TCache {
  return {
    kind: 'redis',
    async get<T>(key: string) {
      const raw = await redis.get(prefix + key);
      return raw === null ? undefined : (JSON.parse(raw) as T);
    },
    async set(key, value, ttlSeconds) {
      await redis.set(prefix + key, JSON.stringify(value), 'EX', ttlSeconds);
    },
    async del(...keys) {
      if (keys.length) await redis.del(...keys.map((k) => prefix + k));
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
