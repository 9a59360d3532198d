import 'server-only';
import PgBoss from 'pg-boss';
import type { TDb } from '@/lib/db';
import { logger } from '@/lib/log/logger';
import { PGBOSS_SCHEMA } from './enqueue';
import type { TJobStore, TTakenJob } from './store';

/**
 * pg-boss on the app's own connection pool (`db` executeSql), so it follows whatever database the
 * process (or a test) opened. The runner fetches and completes jobs itself rather than through
 * boss.work(), so stopping leaves a running job `active`: like a crash, it is retried once pg-boss's
 * maintenance sees its expiry (the lease) pass. A live runner renews the lease of its running jobs.
 */
export function createPgBossStore(db: TDb, o: { leaseMs: number }): TJobStore {
  const expireInSeconds = Math.max(1, Math.ceil(o.leaseMs / 1000));
  const boss = new PgBoss({
    schema: PGBOSS_SCHEMA,
    db: { executeSql: (text, values) => db.query(text, values) },
    schedule: false,
    supervise: true,
    // Expired leases are found by maintenance: check at least twice per lease.
    maintenanceIntervalSeconds: Math.max(1, Math.min(120, Math.floor(expireInSeconds / 2))),
    expireInSeconds,
  });
  boss.on('error', (err) => logger().error({ err }, 'pg-boss error'));
  const ready = new Set<string>();

  async function ensureQueues(names: string[]) {
    for (const name of names) {
      if (ready.has(name)) continue;
      const queue = await boss.getQueue(name);
      if (!queue) await boss.createQueue(name, { name, expireInSeconds });
      else if (queue.expireInSeconds !== expireInSeconds) await boss.updateQueue(name, { name, expireInSeconds });
      ready.add(name);
    }
  }

  return {
    label: 'pg-boss',
    async start(names) {
      await boss.start();
      await ensureQueues(names);
    },
    async take(names, limit) {
      await ensureQueues(names);
      const taken: TTakenJob[] = [];
      for (const name of names) {
        if (taken.length >= limit) break;
        const jobs: PgBoss.JobWithMetadata<Record<string, unknown>>[] = await boss.fetch<Record<string, unknown>>(name, {
          batchSize: limit - taken.length,
          includeMetadata: true,
        });
        for (const j of jobs) taken.push({ id: j.id, name, data: j.data ?? {}, attempt: j.retryCount + 1, maxAttempts: j.retryLimit + 1 });
      }
      return taken;
    },
    async complete(job) {
      await boss.complete(job.name, job.id);
      return true;
    },
    async fail(job, error) {
      await boss.fail(job.name, job.id, { message: error });
      return job.attempt >= job.maxAttempts;
    },
    async extend(job) {
      // pg-boss expires an active job at started_on + expire_in; moving started_on is the heartbeat.
      await db.query(`update ${PGBOSS_SCHEMA}.job set started_on = now() where name = $1 and id = $2 and state = 'active'`, [
        job.name,
        job.id,
      ]);
    },
    async stop() {
      await boss.stop({ graceful: false, close: false });
    },
  };
}
