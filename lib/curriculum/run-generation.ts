import 'server-only';
import type { TDb } from '@/lib/db';
import { logger } from '@/lib/log/logger';
import { publishEvent } from '@/lib/realtime/publish-event';
import { curriculumWithIds, withIds } from './assign-ids';
import type { TCurriculumProvider } from './get-provider';
import { moduleWithoutAnswers } from './hide-answers';
import { ZCurriculumRequest } from './schemas';

type TClaimed = { user_id: string; request: unknown; budget_minutes: number; weeks: number; expected_modules: number; start_date: string };

/**
 * Runs one generation for a saved request: queued/failed → generating → ready | failed. Modules are
 * stored and published as they arrive. Never throws: a failure is recorded on the row with its reason.
 */
export async function runGeneration(db: TDb, curriculumId: string, provider: TCurriculumProvider, today = new Date()): Promise<'ready' | 'failed' | 'skipped'> {
  const { rows } = await db.query<TClaimed>(
    `update public.curricula set status = 'generating', attempts = attempts + 1, error = null, partial_modules = '[]',
            provider = $2, model = $3
      where id = $1 and status in ('queued', 'failed')
      returning user_id, request, budget_minutes, weeks, expected_modules, start_date::text`,
    [curriculumId, provider.name, provider.model],
  );
  const row = rows[0];
  if (!row) return 'skipped';
  const userId = row.user_id;
  const publish = (type: 'curriculum.status' | 'curriculum.module', payload: Record<string, unknown>) =>
    publishEvent(db, userId, type, { curriculumId, ...payload }).catch((err: unknown) => logger().warn({ err }, 'realtime publish failed'));
  await publish('curriculum.status', { status: 'generating', expected: row.expected_modules });
  try {
    const request = ZCurriculumRequest.parse(row.request);
    const { curriculum, tokens } = await provider.generate(
      request,
      {
        budgetMinutes: row.budget_minutes,
        weeks: row.weeks,
        onModule: async (m, index) => {
          const stored = withIds(m);
          await db.query(`update public.curricula set partial_modules = partial_modules || jsonb_build_array($2::jsonb) where id = $1`, [
            curriculumId,
            JSON.stringify(stored),
          ]);
          // Events reach the browser (and are stored for catch-up): no quiz answers in them.
          await publish('curriculum.module', { index, module: moduleWithoutAnswers(stored), expected: row.expected_modules });
        },
        onRestart: async () => {
          await db.query(`update public.curricula set partial_modules = '[]' where id = $1`, [curriculumId]);
          await publish('curriculum.status', { status: 'generating', restarted: true, expected: row.expected_modules });
        },
      },
      today,
    );
    await db.query(
      `update public.curricula set status = 'ready', plan = $2, tokens_used = tokens_used + $3, generated_at = now(), partial_modules = '[]'
        where id = $1`,
      [curriculumId, JSON.stringify(curriculumWithIds(curriculum)), tokens],
    );
    await publish('curriculum.status', { status: 'ready' });
    return 'ready';
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    logger().warn({ err, curriculumId }, 'curriculum generation failed');
    await db.query(`update public.curricula set status = 'failed', error = $2 where id = $1`, [curriculumId, message.slice(0, 1000)]);
    await publish('curriculum.status', { status: 'failed', error: message.slice(0, 1000) });
    return 'failed';
  }
}
