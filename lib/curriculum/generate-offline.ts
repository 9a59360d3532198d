import { planOffline } from './plan-offline';
import type { TGenerateContext, TGenerated } from './generate-with-openai';
import type { TCurriculumRequest } from './schemas';

/** The offline planner behind the same interface as the model: modules are handed on one by one. */
export async function generateOffline(req: TCurriculumRequest, ctx: TGenerateContext, today: Date): Promise<TGenerated> {
  const curriculum = planOffline(req, today);
  for (const [i, m] of curriculum.modules.entries()) await ctx.onModule?.(m, i);
  return { curriculum, tokens: 0 };
}
