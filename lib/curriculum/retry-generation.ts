import 'server-only';
import type { TUserTx } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { getCurriculumOrThrow } from './get-curriculum';
import { curriculumLimits, reserveAiCall, type TAiLimits } from './reserve-ai-call';

/**
 * Checks that a failed generation may be retried, and counts the retry's model call against the daily
 * limits; the retry reuses the saved request as it is.
 */
export async function assertRetryable(tx: TUserTx, o: { id: string; userId: string; dailyLimit: number; limits?: TAiLimits }): Promise<void> {
  const c = await getCurriculumOrThrow(tx, o);
  if (c.status !== 'failed') throw new AppError('conflict', c.status === 'ready' ? 'This curriculum is already generated.' : 'This curriculum is being generated.');
  if (c.attempts >= o.dailyLimit) throw new AppError('rate_limited', 'This request has been retried too often today. Try again tomorrow.', undefined, 3600);
  await reserveAiCall(tx, { userId: o.userId, curriculumId: c.id, kind: 'retry', limits: o.limits ?? curriculumLimits() });
}
