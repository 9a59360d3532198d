import 'server-only';
import { AppError } from '@/lib/http/app-error';
import type { TQueryable } from '@/lib/db';
import { moduleCountFor } from './plan-offline';
import { budgetMinutes, planWeeks, type TCurriculumRequest } from './schemas';

export type TCreateRequestOptions = { userId: string; request: TCurriculumRequest; provider: 'openai' | 'offline'; dailyLimit: number; dailyTokens?: number; today?: Date };

/** Saves the learner's request as `queued` before any model is called, within the daily limit. */
export async function createCurriculumRequest(tx: TQueryable, o: TCreateRequestOptions): Promise<{ id: string }> {
  const { rows: count } = await tx.query<{ n: number; tokens: number }>(
    `select count(*)::int as n, coalesce(sum(tokens_used), 0)::int as tokens from public.curricula
      where user_id = $1 and created_at >= now() - interval '1 day'`,
    [o.userId],
  );
  if (o.dailyTokens !== undefined && count[0].tokens >= o.dailyTokens) {
    throw new AppError('rate_limited', 'You have used today’s AI budget for curricula. Try again tomorrow.', undefined, 3600);
  }
  if (count[0].n >= o.dailyLimit) {
    throw new AppError('rate_limited', `You can generate ${o.dailyLimit} curricula a day. Try again tomorrow.`, undefined, 3600);
  }
  const today = o.today ?? new Date();
  const weeks = planWeeks(o.request, today);
  const budget = budgetMinutes(o.request, today);
  const { rows } = await tx.query<{ id: string }>(
    `insert into public.curricula (user_id, request, status, provider, budget_minutes, weeks, expected_modules)
     values ($1, $2, 'queued', $3, $4, $5, $6) returning id`,
    [o.userId, JSON.stringify(o.request), o.provider, budget, weeks, o.provider === 'offline' ? moduleCountFor(budget) : Math.min(12, moduleCountFor(budget))],
  );
  return rows[0];
}
