import 'server-only';
import type { TDb } from '@/lib/db';
import { PGBOSS_SCHEMA } from '@/lib/jobs/enqueue';
import { logger } from '@/lib/log/logger';
import { publishEvent } from '@/lib/realtime/publish-event';

/** The generation job's name (lib/curriculum/generation-job.ts registers it). */
export const GENERATE_JOB = 'curriculum.generate';
export const ORPHANED_ERROR = 'Generation stopped before it finished. Your request is saved: retry to generate it.';

/**
 * A generation whose job is gone becomes `failed` (retryable, request kept), so the learner sees Retry
 * instead of a spinner forever. No age rule: while a row's `curriculum.generate` job is waiting,
 * retrying or running, the job's lease decides who works on it (a dead process's lease lapses and
 * another runner takes the job again). A row is orphaned only when its job finished without settling
 * it: the process died during the last attempt, or the row predates generation jobs.
 * Runs as the recurring job `curriculum.fail-orphaned` (every minute, once across processes).
 */
export async function failOrphanedGenerations(db: TDb): Promise<number> {
  const boss = await db.query<{ ready: boolean }>(`select to_regclass('${PGBOSS_SCHEMA}.job') is not null as ready`);
  const inBoss = boss.rows[0].ready
    ? `or exists (select 1 from ${PGBOSS_SCHEMA}.job b where b.name = $2 and b.singleton_key = c.id::text and b.state < 'completed')`
    : '';
  const { rows } = await db.query<{ id: string; user_id: string }>(
    `update public.curricula c set status = 'failed', error = $1, generation_token = null
      where c.status in ('queued', 'generating')
        and not (exists (select 1 from public.jobs j where j.name = $2 and j.singleton_key = c.id::text and j.done_at is null) ${inBoss})
      returning c.id, c.user_id`,
    [ORPHANED_ERROR, GENERATE_JOB],
  );
  for (const r of rows) {
    await publishEvent(db, r.user_id, 'curriculum.status', { curriculumId: r.id, status: 'failed', error: ORPHANED_ERROR }).catch(
      (err: unknown) => logger().warn({ err }, 'realtime publish failed'),
    );
  }
  if (rows.length) logger().warn({ curricula: rows.map((r) => r.id) }, 'generations left without a job marked failed');
  return rows.length;
}
