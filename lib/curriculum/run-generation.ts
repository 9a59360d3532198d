import 'server-only';
import { randomUUID } from 'node:crypto';
import type { TDb } from '@/lib/db';
import { logger } from '@/lib/log/logger';
import { notifyEvent } from '@/lib/notifications/notify-event';
import { publishEvent } from '@/lib/realtime/publish-event';
import { curriculumWithIds, withIds } from './assign-ids';
import type { TCurriculumProvider } from './get-provider';
import { moduleWithoutAnswers } from './hide-answers';
import { curriculumLimits, tokensLeftToday, type TAiLimits } from './reserve-ai-call';
import { ZCurriculumRequest } from './schemas';

type TClaimed = { user_id: string; request: unknown; budget_minutes: number; weeks: number; expected_modules: number; start_date: string };

/** A job attempt: `final` when no attempt follows, so a failure marks the row `failed` instead of retrying. */
export type TGenerationAttempt = { attempt: number; final: boolean };

/** Another attempt owns the row now (this one's lease lapsed and another runner took the job). */
class SupersededError extends Error {}

/**
 * Runs one generation attempt for a saved request: → generating → ready | failed. Modules are stored
 * and published as they arrive. Never throws: a failure is recorded on the row with its reason, or, for
 * a job attempt that is not the last, reported as 'retry' (the row stays `generating`).
 *
 * Without `job` (a direct call) it claims a `queued` or `failed` row. A job attempt claims a `queued` or
 * `generating` row: the job's lease makes it the only runner, and `generating` is what an attempt that
 * died or failed left behind. Each claim writes a fresh generation_token and every later write names
 * it, so an attempt that lost its lease (another runner took the job) writes nothing more.
 */
export async function runGeneration(
  db: TDb,
  curriculumId: string,
  provider: TCurriculumProvider,
  today = new Date(),
  job?: TGenerationAttempt,
  limits: TAiLimits = curriculumLimits(),
): Promise<'ready' | 'failed' | 'retry' | 'skipped'> {
  const token = randomUUID();
  const { rows } = await db.query<TClaimed>(
    `update public.curricula set status = 'generating', attempts = attempts + 1, error = null, partial_modules = '[]',
            provider = $2, model = $3, generation_token = $4
      where id = $1 and status = any($5::text[])
      returning user_id, request, budget_minutes, weeks, expected_modules, start_date::text`,
    [curriculumId, provider.name, provider.model, token, job ? ['queued', 'generating'] : ['queued', 'failed']],
  );
  const row = rows[0];
  if (!row) return 'skipped';
  const userId = row.user_id;
  const publish = (type: 'curriculum.status' | 'curriculum.module', payload: Record<string, unknown>) =>
    publishEvent(db, userId, type, { curriculumId, ...payload }).catch((err: unknown) => logger().warn({ err }, 'realtime publish failed'));
  /** Writes only while this attempt owns the row. */
  const write = async (sql: string, params: unknown[]) => {
    const r = await db.query(`${sql} and generation_token = $${params.length + 1}`, [...params, token]);
    if (!r.affectedRows) throw new SupersededError('another attempt owns this generation');
  };
  // A later attempt starts over: the page drops the modules an earlier attempt streamed.
  await publish('curriculum.status', {
    status: 'generating',
    expected: row.expected_modules,
    ...(job && job.attempt > 1 ? { restarted: true } : {}),
  });
  let spent = 0; // tokens of this attempt's model calls so far: counted even when the attempt fails
  try {
    const request = ZCurriculumRequest.parse(row.request);
    let tokenBudget: number | undefined;
    if (provider.name !== 'offline') {
      await countModelCall(db, curriculumId, userId);
      tokenBudget = await tokensLeftToday(db, userId, limits);
    }
    const { curriculum, tokens } = await provider.generate(
      request,
      {
        budgetMinutes: row.budget_minutes,
        weeks: row.weeks,
        tokenBudget,
        onTokens: (n) => {
          spent += n;
        },
        onModule: async (m, index) => {
          const stored = withIds(m);
          await write(`update public.curricula set partial_modules = partial_modules || jsonb_build_array($2::jsonb) where id = $1`, [
            curriculumId,
            JSON.stringify(stored),
          ]);
          // Events reach the browser (and are stored for catch-up): no quiz answers in them.
          await publish('curriculum.module', { index, module: moduleWithoutAnswers(stored, userId), expected: row.expected_modules });
        },
        // The outline says how many modules come: the page sizes its progress bar and skeletons by it.
        onOutline: async (modules) => {
          await write(`update public.curricula set expected_modules = $2 where id = $1`, [curriculumId, modules]);
          row.expected_modules = modules;
          await publish('curriculum.status', { status: 'generating', expected: modules });
        },
        onRestart: async () => {
          await write(`update public.curricula set partial_modules = '[]' where id = $1`, [curriculumId]);
          await publish('curriculum.status', { status: 'generating', restarted: true, expected: row.expected_modules });
        },
      },
      today,
    );
    await write(
      `update public.curricula set status = 'ready', plan = $2, tokens_used = tokens_used + $3, generated_at = now(), partial_modules = '[]', generation_token = null
        where id = $1`,
      [curriculumId, JSON.stringify(curriculumWithIds(curriculum)), tokens],
    );
    await publish('curriculum.status', { status: 'ready' });
    // The curriculum stands whatever happens to the notice: a failure here is logged, not retried.
    await db
      .transaction((tx) =>
        notifyEvent(tx, {
          userId,
          event: 'curriculum.ready',
          title: 'Your curriculum is ready',
          body: `“${curriculum.title}” is ready: ${curriculum.modules.length} modules to work through.`,
          link: `/learn/${curriculumId}`,
        }),
      )
      .catch((err: unknown) => logger().warn({ err, curriculumId }, 'curriculum ready notice failed'));
    return 'ready';
  } catch (err) {
    if (err instanceof SupersededError) {
      logger().warn({ curriculumId }, 'generation attempt stopped: another runner took its job over');
      return 'skipped';
    }
    const message = err instanceof Error ? err.message : String(err);
    logger().warn({ err, curriculumId, attempt: job?.attempt }, 'curriculum generation failed');
    try {
      if (job && !job.final) {
        if (spent) await write(`update public.curricula set tokens_used = tokens_used + $2 where id = $1`, [curriculumId, spent]);
        return 'retry';
      }
      await write(
        `update public.curricula set status = 'failed', error = $2, tokens_used = tokens_used + $3, generation_token = null where id = $1`,
        [curriculumId, message.slice(0, 1000), spent],
      );
    } catch (e) {
      if (e instanceof SupersededError) return 'skipped';
      throw e;
    }
    await publish('curriculum.status', { status: 'failed', error: message.slice(0, 1000) });
    return 'failed';
  }
}

/**
 * Counts this attempt's model call against the learner's daily limits, once: the first call on a new
 * request (counted by its curricula row) or on a retry (its ai_calls row) was counted when the learner
 * asked; any other attempt that reaches the model records a `resume` call. It is recorded, not refused:
 * the learner asked once, and an attempt repeated after a crash is the service's doing.
 */
async function countModelCall(db: TDb, curriculumId: string, userId: string): Promise<void> {
  const used = await db.query(`update public.curricula set call_reserved = false where id = $1 and call_reserved`, [curriculumId]);
  if (used.affectedRows) return;
  await db.query(`insert into public.ai_calls (user_id, curriculum_id, kind) values ($1, $2, 'resume')`, [userId, curriculumId]);
}
