import 'server-only';
import { env } from '@/lib/config';
import type { TQueryable, TUserTx } from '@/lib/db';
import { lockUntilCommit } from '@/lib/db/transaction-lock';
import { AppError } from '@/lib/http/app-error';

export type TAiLimits = { dailyLimit: number; dailyTokens?: number };

/** The configured daily limits for a learner's model calls. */
export function curriculumLimits(): TAiLimits {
  const e = env();
  return { dailyLimit: e.CURRICULUM_DAILY_LIMIT, dailyTokens: e.CURRICULUM_DAILY_TOKENS };
}

/**
 * Serialises a user's limit checks to the end of the transaction: two requests of one learner cannot
 * both count the same usage and pass together.
 */
export async function lockUserLimits(tx: TUserTx, userId: string): Promise<void> {
  await lockUntilCommit(tx, 'ai-limits', userId);
}

/**
 * Throws `rate_limited` when the learner's model calls of the last day (new curricula and every
 * further call on one) reach the daily count or token limit. Call under lockUserLimits.
 */
export async function assertWithinAiLimits(tx: TUserTx, userId: string, limits: TAiLimits): Promise<void> {
  const { rows } = await tx.query<{ n: number; tokens: number }>(
    `select (select count(*) from public.curricula where user_id = $1 and created_at >= now() - interval '1 day')::int
          + (select count(*) from public.ai_calls where user_id = $1 and created_at >= now() - interval '1 day')::int as n,
            (select coalesce(sum(tokens_used), 0) from public.curricula where user_id = $1 and created_at >= now() - interval '1 day')::int
          + (select coalesce(sum(tokens), 0) from public.ai_calls where user_id = $1 and created_at >= now() - interval '1 day')::int as tokens`,
    [userId],
  );
  if (limits.dailyTokens !== undefined && rows[0].tokens >= limits.dailyTokens) {
    throw new AppError('rate_limited', 'You have used today’s AI budget for curricula. Try again tomorrow.', undefined, 3600);
  }
  if (rows[0].n >= limits.dailyLimit) {
    throw new AppError('rate_limited', `You can make ${limits.dailyLimit} AI requests a day. Try again tomorrow.`, undefined, 3600);
  }
}

/** Counts one model call on a curriculum against the daily limits before it is made; returns the call's id. */
export async function reserveAiCall(
  tx: TUserTx,
  o: { userId: string; curriculumId: string; kind: 'retry' | 'regenerate' | 'extend'; limits: TAiLimits },
): Promise<string> {
  await lockUserLimits(tx, o.userId);
  await assertWithinAiLimits(tx, o.userId, o.limits);
  const { rows } = await tx.query<{ id: string }>(
    `insert into public.ai_calls (user_id, curriculum_id, kind) values ($1, $2, $3) returning id`,
    [o.userId, o.curriculumId, o.kind],
  );
  return rows[0].id;
}

/** Records the tokens a reserved call used. */
export async function recordAiTokens(tx: TUserTx, callId: string, tokens: number): Promise<void> {
  await tx.query(`update public.ai_calls set tokens = tokens + $2 where id = $1`, [callId, Math.max(0, Math.round(tokens))]);
}

/**
 * Model tokens the learner may still use today (undefined: no token limit). A generation stops before a
 * model call once its own tokens reach this: a long plan makes many calls, each up to CURRICULUM_MAX_TOKENS.
 */
export async function tokensLeftToday(q: TQueryable, userId: string, limits: TAiLimits): Promise<number | undefined> {
  if (limits.dailyTokens === undefined) return undefined;
  const { rows } = await q.query<{ tokens: number }>(
    `select (select coalesce(sum(tokens_used), 0) from public.curricula where user_id = $1 and created_at >= now() - interval '1 day')::int
          + (select coalesce(sum(tokens), 0) from public.ai_calls where user_id = $1 and created_at >= now() - interval '1 day')::int as tokens`,
    [userId],
  );
  return Math.max(0, limits.dailyTokens - rows[0].tokens);
}
