import 'server-only';
import { withUser, type TDb, type TUserTx } from '@/lib/db';
import { announce } from '@/lib/realtime/publish-event';
import { AppError } from '@/lib/http/app-error';
import type { TSessionUser } from '@/lib/auth/schemas';
import { withIds } from './assign-ids';
import type { TChangeContext } from './generate-offline';
import type { TGenerateContext } from './generate-with-openai';
import type { TCurriculumProvider } from './get-provider';
import { getCurriculumOrThrow } from './get-curriculum';
import { appendModules, mergeRegeneratedModule } from './merge-module';
import { planSoFar, shiftWeeks, titleWithoutWeeks } from './plan-change';
import { clip } from './planner/build-modules';
import { curriculumLimits, recordAiTokens, reserveAiCall, type TAiLimits } from './reserve-ai-call';
import { ZStoredCurriculum, type TCurriculumRequest, type TStoredCurriculum } from './schemas';

/** "<module> (<topics>), part of: <goal>" within 300 characters: the module part is shortened at a word, the goal kept whole. */
function focusedGoal(focus: string, goal: string): string {
  const room = 300 - ', part of: '.length - goal.length;
  return room >= 20 ? `${clip(focus, room)}, part of: ${goal}` : goal;
}

async function lessonsWithProgress(db: TDb, user: TSessionUser, curriculumId: string): Promise<Set<string>> {
  const { rows } = await withUser(db, user, (tx) =>
    tx.query<{ lesson_id: string }>(
      `select lesson_id from public.lesson_progress where curriculum_id = $1 and (status <> 'not_started' or minutes_spent > 0 or notes <> '')`,
      [curriculumId],
    ),
  );
  return new Set(rows.map((r) => r.lesson_id));
}

/** Reads the curriculum's current plan under a row lock, so concurrent changes apply one after another. */
async function lockPlan(tx: TUserTx, userId: string, id: string): Promise<{ plan: TStoredCurriculum; weeks: number }> {
  const { rows } = await tx.query<{ plan: unknown; weeks: number }>(
    'select plan, weeks from public.curricula where id = $1 and user_id = $2 for update',
    [id, userId],
  );
  if (!rows[0]?.plan) throw new AppError('not_found', 'Curriculum not found.');
  return { plan: ZStoredCurriculum.parse(rows[0].plan), weeks: rows[0].weeks };
}

async function savePlan(tx: TUserTx, userId: string, id: string, plan: TStoredCurriculum, extra: { weeks?: number; budget?: number } = {}) {
  ZStoredCurriculum.parse(plan);
  await tx.query(
    'update public.curricula set plan = $2, weeks = weeks + $3, budget_minutes = budget_minutes + $4 where id = $1 and user_id = $5',
    [id, JSON.stringify(plan), extra.weeks ?? 0, extra.budget ?? 0, userId],
  );
}

/**
 * Regenerates one module with the provider (outside any transaction: a model call can be slow), keeping
 * the lessons the learner has touched.
 */
export async function regenerateModule(
  db: TDb,
  user: TSessionUser,
  o: { curriculumId: string; moduleId: string; provider: TCurriculumProvider; today?: Date; limits?: TAiLimits },
) {
  const c = await withUser(db, user, (tx) => getCurriculumOrThrow(tx, { id: o.curriculumId, userId: user.id }));
  if (!c.plan) throw new AppError('conflict', 'This curriculum is not generated yet.');
  const index = c.plan.modules.findIndex((m) => m.id === o.moduleId);
  if (index < 0) throw new AppError('not_found', 'This module is not in the curriculum.');
  const old = c.plan.modules[index];
  const minutes = old.lessons.reduce((s, l) => s + l.estimatedMinutes, 0);
  // Ask for a one-module plan of the same size, focused on this module's topics.
  const focused: TCurriculumRequest = {
    ...c.request,
    goal: focusedGoal(`${old.title} (${old.topics.join(', ')})`, c.request.goal),
    timeframe: 'weeks',
    weeks: 1,
    hoursPerWeek: Math.max(1, Math.min(60, Math.round((minutes / 60) * 10) / 10)),
  };
  const callId = await withUser(db, user, (tx) =>
    reserveAiCall(tx, { userId: user.id, curriculumId: c.id, kind: 'regenerate', limits: o.limits ?? curriculumLimits() }),
  );
  const weeksOf = old.lessons.flatMap((l) => (l.week ? [l.week] : []));
  // The plan so far goes along: the offline planner takes the module's topics from it, a model avoids repeating it.
  const ctx: TGenerateContext & TChangeContext = {
    budgetMinutes: Math.max(60, minutes),
    // Fresh lessons fall in the weeks the module had.
    weeks: weeksOf.length ? Math.max(...weeksOf) - Math.min(...weeksOf) + 1 : 1,
    firstWeek: weeksOf.length ? Math.min(...weeksOf) : 1,
    existing: planSoFar(c.plan),
    regenerate: { index, checkpoint: old.checkpoint.type },
  };
  const { curriculum, tokens } = await o.provider.generate(focused, ctx, o.today ?? new Date());
  const fresh = curriculum.modules.find((m) => m.checkpoint.type === old.checkpoint.type) ?? curriculum.modules[0];
  const touched = await lessonsWithProgress(db, user, c.id);
  const regenerated = await withUser(db, user, async (tx) => {
    await recordAiTokens(tx, callId, tokens);
    // Merge into the plan as it is now: another change may have landed during the model call.
    const current = await lockPlan(tx, user.id, c.id);
    const at = current.plan.modules.findIndex((m) => m.id === o.moduleId);
    if (at < 0) throw new AppError('not_found', 'This module is not in the curriculum.');
    const merged = mergeRegeneratedModule(current.plan.modules[at], { ...fresh, title: old.title, topics: old.topics }, touched);
    await savePlan(tx, user.id, c.id, { ...current.plan, modules: current.plan.modules.map((m, i) => (i === at ? merged : m)) });
    return merged;
  });
  // Once committed: the learner's other tabs reload the module.
  await announce(db, user.id, 'progress.updated', { curriculumId: c.id, moduleId: o.moduleId, regenerated: true });
  return regenerated;
}

/** Adds modules for `weeks` more weeks at the same pace; everything already planned (and its progress) stays. */
export async function extendCurriculum(
  db: TDb,
  user: TSessionUser,
  o: { curriculumId: string; weeks: number; provider: TCurriculumProvider; today?: Date; limits?: TAiLimits },
) {
  const c = await withUser(db, user, (tx) => getCurriculumOrThrow(tx, { id: o.curriculumId, userId: user.id }));
  if (!c.plan) throw new AppError('conflict', 'This curriculum is not generated yet.');
  if (c.weeks + o.weeks > 52)
    throw new AppError('invalid_input', 'A curriculum can span at most 52 weeks.', { weeks: `At most ${52 - c.weeks} more weeks.` });
  const budget = Math.round(c.request.hoursPerWeek * o.weeks * 60);
  const request: TCurriculumRequest = {
    ...c.request,
    goal: `Go further after: ${c.plan.title}. ${c.request.goal}`.slice(0, 300),
    level: 'advanced',
    timeframe: 'weeks',
    weeks: o.weeks,
  };
  const callId = await withUser(db, user, (tx) =>
    reserveAiCall(tx, { userId: user.id, curriculumId: c.id, kind: 'extend', limits: o.limits ?? curriculumLimits() }),
  );
  const ctx: TGenerateContext & TChangeContext = {
    budgetMinutes: budget,
    weeks: o.weeks,
    existing: planSoFar(c.plan),
    firstWeek: c.weeks + 1,
  };
  const { curriculum, tokens } = await o.provider.generate(request, ctx, o.today ?? new Date());
  // The offline planner continues the topic graph after the plan so far, its titles say what is new.
  const extra = curriculum.modules.map((m) => withIds(o.provider.name === 'offline' ? m : { ...m, title: `Extension: ${m.title}` }));
  await withUser(db, user, (tx) => recordAiTokens(tx, callId, tokens));
  const extended = await withUser(db, user, async (tx) => {
    // Append to the plan as it is now (under a row lock): parallel extensions all apply, or are refused.
    const current = await lockPlan(tx, user.id, c.id);
    if (current.weeks + o.weeks > 52) {
      throw new AppError('invalid_input', 'A curriculum can span at most 52 weeks.', {
        weeks: `At most ${Math.max(0, 52 - current.weeks)} more weeks.`,
      });
    }
    if (current.plan.modules.length >= 20)
      throw new AppError('invalid_input', 'A curriculum has at most 20 modules.', { weeks: 'This curriculum cannot grow further.' });
    // Another extension may have landed meanwhile: these weeks follow it.
    const plan = appendModules(
      { ...current.plan, title: titleWithoutWeeks(current.plan.title) },
      extra.map((m) => shiftWeeks(m, current.weeks - c.weeks)),
    );
    await savePlan(tx, user.id, c.id, plan, {
      weeks: o.weeks,
      budget: extra.reduce((s, m) => s + m.lessons.reduce((t, l) => t + l.estimatedMinutes, 0), 0),
    });
    return plan;
  });
  await announce(db, user.id, 'progress.updated', { curriculumId: c.id, extended: o.weeks });
  return extended;
}
