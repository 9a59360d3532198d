import 'server-only';
import { Redis, type RedisOptions } from 'ioredis';
import { env } from '@/lib/config';
import { logger } from '@/lib/log/logger';

const holder = globalThis as unknown as { __pathwiseRedis?: Redis | null };

/**
 * How the app talks to Redis so that an outage degrades it instead of stalling it. Everything the app keeps in
 * Redis has a fallback (cache miss → database, rate limits → in-process counters; lib/cache/cache.ts and
 * lib/auth/rate-limit.ts skip Redis while it is not `ready`), so a command must fail fast rather than wait:
 * - maxRetriesPerRequest 1: a command caught by a dropped connection is retried once after the reconnect,
 *   then rejected, instead of queueing through many reconnect attempts (2 s apart once Redis stays away);
 * - commandTimeout: a Redis that accepts connections but does not answer (paused, overloaded) costs a request
 *   at most this long per command;
 * - reconnecting forever, at most 1 s apart, so the app is back on Redis about a second after it returns.
 * The offline queue stays on: commands sent while the first connection is still opening wait for it.
 */
export const REDIS_OPTIONS: RedisOptions = {
  maxRetriesPerRequest: 1,
  commandTimeout: 1000,
  enableOfflineQueue: true,
  lazyConnect: false,
  retryStrategy: (times) => Math.min(times * 100, 1000),
};

/** A client with the options above; errors are logged once per outage instead of once per reconnect attempt. */
export function createRedis(url: string): Redis {
  const redis = new Redis(url, REDIS_OPTIONS);
  let down = false;
  redis.on('error', (err: Error) => {
    if (down) return;
    down = true;
    logger().warn({ err: err.message }, 'redis unavailable: serving from the database and in-process limits until it returns');
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    logger().warn('redis is back');
  });
  return redis;
}

/** True while the client can take commands; callers with a fallback use it instead of waiting on a dead socket. */
export function isRedisReady(redis: Redis): boolean {
  return redis.status === 'ready';
}

/** The shared ioredis client when REDIS_URL is set, otherwise null (in-process defaults apply). */
export function getRedis(): Redis | null {
  if (holder.__pathwiseRedis === undefined) {
    const url = env().REDIS_URL;
    holder.__pathwiseRedis = url ? createRedis(url) : null;
  }
  return holder.__pathwiseRedis;
}
