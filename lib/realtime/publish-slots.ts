import 'server-only';
import type { Redis } from 'ioredis';
import { bumpSlotsGeneration } from '@/lib/availability/slots-cache';
import { getRedis } from '@/lib/cache/redis';
import { logger } from '@/lib/log/logger';
import { REALTIME_STREAM, type TRealtimeSink } from './events';

const holder = globalThis as unknown as { __pathwiseRealtimeSink?: TRealtimeSink };

/**
 * Tells everyone looking at this expert (signed in or not) that their free slots changed; call it after the
 * write that changed them committed. Delivered as `slots.changed` `{ expertId }` to the `expert:<id>` room of
 * the `/public` namespace: by the in-process Socket.IO server when there is one, otherwise through the Redis
 * stream the sidecars read. Watchers refetch the slots themselves, so a lost message costs only freshness.
 */
export function publishSlotsChanged(expertId: string): void {
  // Kept slots answers go first, so a watcher's refetch reads the change (lib/availability/slots-cache.ts).
  bumpSlotsGeneration()
    .catch((err: unknown) => logger().warn({ err }, 'slots cache not bumped'))
    .finally(() => tellWatchers(expertId));
}

function tellWatchers(expertId: string): void {
  const id = expertId.toLowerCase();
  const sink = holder.__pathwiseRealtimeSink;
  if (sink) return sink.slotsChanged(id);
  const redis = getRedis();
  if (redis) {
    pushSlotsChanged(redis, REALTIME_STREAM, id).catch((err: unknown) => logger().warn({ err }, 'realtime slots publish failed'));
  }
}

export async function pushSlotsChanged(redis: Redis, stream: string, expertId: string): Promise<void> {
  await redis.xadd(stream, 'MAXLEN', '~', '10000', '*', 'data', JSON.stringify({ slotsChanged: expertId }));
}
