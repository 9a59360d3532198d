import 'server-only';
import { Redis } from 'ioredis';
import { env } from '@/lib/config';

const holder = globalThis as unknown as { __pathwiseRedis?: Redis | null };

/** The shared ioredis client when REDIS_URL is set, otherwise null (in-process defaults apply). */
export function getRedis(): Redis | null {
  if (holder.__pathwiseRedis === undefined) {
    const url = env().REDIS_URL;
    holder.__pathwiseRedis = url ? new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false }) : null;
  }
  return holder.__pathwiseRedis;
}
