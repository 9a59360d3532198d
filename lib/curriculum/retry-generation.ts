import 'server-only';
import type { TUserTx } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { enqueueGeneration } from './generation-job';
import { getCurriculumOrThrow } from './get-curriculum';
import { curriculumLimits, reserveAiCall, type TAiLimits } from './reserve-ai-call';

/**
 * Checks that a failed generation may be retried, and counts the retry's model call against the daily
 * limits; the retry reuses the saved request as it is.
 */
export async function assertRetryable(
  tx: TUserTx,
  o: { id: string; userId: string; dailyLimit: number; limits?: TAiLimits },
): Promise<void> {
  const c = await getCurriculumOrThrow(tx, o);
  if (c.status !== 'failed')
    throw new AppError('conflict', c.status === 'ready' ? 'This curriculum is already generated.' : 'This curriculum is being generated.');
  if (c.attempts >= o.dailyLimit)
    throw new AppError('rate_limited', 'This request has been retried too often today. Try again tomorrow.', undefined, 3600);
  await reserveAiCall(tx, { userId: o.userId, curriculumId: c.id, kind: 'retry', limits: o.limits ?? curriculumLimits() });
}

/**
 * Queues a failed generation again, in `tx`: checks and counts the retry (assertRetryable), puts the row
 * back to `queued` with its model call already counted, and enqueues its job in the same transaction.
 */
export async function retryGeneration(
  tx: TUserTx,
  o: { id: string; userId: string; dailyLimit: number; limits?: TAiLimits; attempts?: number },
): Promise<void> {
  await assertRetryable(tx, o);
  // Generation state is the service's to write (RLS lets a learner update only their plan), so the row goes
  // back to `queued` as the connection's own role, in the learner's transaction, as enqueueJob does.
  const { rows } = await tx.query<{ role: string }>(`select current_setting('role') as role`);
  if (rows[0].role !== 'none') await tx.query(`select set_config('role', 'none', true)`);
  await tx.query(`update public.curricula set status = 'queued', error = null, call_reserved = true where id = $1 and user_id = $2`, [
    o.id,
    o.userId,
  ]);
  if (rows[0].role !== 'none') await tx.query(`select set_config('role', $1, true)`, [rows[0].role]);
  await enqueueGeneration(tx, o.id, o.attempts);
}
