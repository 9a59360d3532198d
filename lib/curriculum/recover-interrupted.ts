import 'server-only';
import type { TDb } from '@/lib/db';

/**
 * At start-up: generations a previous process left half-done become `failed` with a reason, so the
 * learner sees Retry instead of a spinner forever. On PGlite (one process) every unfinished one was
 * interrupted; on Postgres other instances may be working, so only stale ones count.
 */
export async function recoverInterruptedGenerations(db: TDb, o: { all: boolean } = { all: db.kind === 'pglite' }): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `update public.curricula set status = 'failed', error = 'Generation was interrupted by a server restart. Your request is saved: retry to generate it.'
      where status in ('queued', 'generating') and ($1 or updated_at < now() - interval '10 minutes') returning id`,
    [o.all],
  );
  return rows.length;
}
