import 'server-only';
import type { TUserTx } from '@/lib/db';
import { enqueueGeneration } from './generation-job';
import { moduleCountFor, planOffline } from './plan-offline';
import { assertWithinAiLimits, lockUserLimits } from './reserve-ai-call';
import { budgetMinutes, planWeeks, type TCurriculumRequest } from './schemas';

export type TCreateRequestOptions = {
  userId: string;
  request: TCurriculumRequest;
  provider: 'openai' | 'offline';
  dailyLimit: number;
  dailyTokens?: number;
  today?: Date;
  attempts?: number;
};

/**
 * Saves the learner's request as `queued` before any model is called, within the daily limit, and queues
 * its generation job in the same transaction: a saved request always has a job, and a job a request.
 */
export async function createCurriculumRequest(tx: TUserTx, o: TCreateRequestOptions): Promise<{ id: string }> {
  await lockUserLimits(tx, o.userId);
  await assertWithinAiLimits(tx, o.userId, { dailyLimit: o.dailyLimit, dailyTokens: o.dailyTokens });
  const today = o.today ?? new Date();
  const weeks = planWeeks(o.request, today);
  const budget = budgetMinutes(o.request, today);
  const { rows } = await tx.query<{ id: string }>(
    `insert into public.curricula (user_id, request, status, provider, budget_minutes, weeks, expected_modules)
     values ($1, $2, 'queued', $3, $4, $5, $6) returning id`,
    [
      o.userId,
      JSON.stringify(o.request),
      o.provider,
      budget,
      weeks,
      // The offline planner is pure and takes milliseconds: the page's placeholders show exactly its modules.
      o.provider === 'offline' ? planOffline(o.request, today).modules.length : Math.min(12, moduleCountFor(budget)),
    ],
  );
  await enqueueGeneration(tx, rows[0].id, o.attempts);
  return rows[0];
}
