import { extendPlanOffline, regenerateModuleOffline, type TPlanSoFar } from './plan-change';
import { planOffline } from './plan-offline';
import type { TGenerateContext, TGenerated } from './generate-with-openai';
import type { TCurriculumRequest } from './schemas';

/** What Regenerate and Extend tell a generator besides the request (the model path reads the same fields). */
export type TChangeContext = {
  /** The plan so far. */
  existing?: TPlanSoFar;
  /** The week the new lessons start in. */
  firstWeek?: number;
  /** Write module `index` of `existing` again. */
  regenerate?: { index: number; checkpoint?: 'quiz' | 'project' };
};

/** The offline planner behind the same interface as the model: modules are handed on one by one. */
export async function generateOffline(req: TCurriculumRequest, ctx: TGenerateContext & TChangeContext, today: Date): Promise<TGenerated> {
  const change = { budgetMinutes: ctx.budgetMinutes, weeks: ctx.weeks, firstWeek: ctx.firstWeek ?? 1 };
  const curriculum =
    ctx.existing && ctx.regenerate
      ? regenerateModuleOffline(req, ctx.existing, { ...change, index: ctx.regenerate.index })
      : ctx.existing
        ? extendPlanOffline(req, ctx.existing, change)
        : planOffline(req, today);
  for (const [i, m] of curriculum.modules.entries()) await ctx.onModule?.(m, i);
  return { curriculum, tokens: 0 };
}
