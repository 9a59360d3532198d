import 'server-only';
import { getRedis, isRedisReady } from '@/lib/cache/redis';
import { env, resolveProviders, type TProviders } from '@/lib/config';
import type { TDb } from '@/lib/db';

export type THealth = {
  status: 'ok' | 'degraded';
  db: TDb['kind'];
  redis: 'redis' | 'memory';
  providers: TProviders;
  checks: { db: boolean; redis: boolean };
};

/** What /api/health reports: which mode each part runs in, and whether the database and Redis answer. */
export async function checkHealth(db: TDb): Promise<THealth> {
  const redis = getRedis();
  // Two independent services (the pool and Redis), not one transaction client: asked at once.
  // eslint-disable-next-line no-restricted-syntax -- independent clients
  const [dbOk, redisOk] = await Promise.all([
    db.query('select 1').then(
      () => true,
      () => false,
    ),
    // Not waiting on a reconnecting client: while Redis is away the answer is "degraded" at once.
    redis
      ? isRedisReady(redis)
        ? redis.ping().then(
            (r) => r === 'PONG',
            () => false,
          )
        : Promise.resolve(false)
      : Promise.resolve(true),
  ]);
  return {
    status: dbOk && redisOk ? 'ok' : 'degraded',
    db: db.kind,
    redis: redis ? 'redis' : 'memory',
    providers: resolveProviders(env()),
    checks: { db: dbOk, redis: redisOk },
  };
}
