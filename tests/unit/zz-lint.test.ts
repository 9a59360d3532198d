import { it } from 'vitest';
import { lintPlan } from '@/lib/curriculum/lint-plan';
import { planOffline } from '@/lib/curriculum/plan-offline';
import { SAMPLE_GOALS } from '@/lib/curriculum/sample-goals';
import { budgetMinutes, ZCurriculum, ZCurriculumRequest } from '@/lib/curriculum/schemas';
const today = new Date('2026-11-25T09:00:00Z');
it('lint', () => {
  for (const g of SAMPLE_GOALS) {
    const req = ZCurriculumRequest.parse(g.request);
    const p = planOffline(req, today);
    const z = ZCurriculum.safeParse(p);
    const probs = lintPlan(p, { budgetMinutes: budgetMinutes(req, today), goal: req.goal, language: req.language });
    if (!z.success || probs.length) console.log('##', g.request.goal, p.meta?.subject?.id, z.success ? '' : JSON.stringify(z.error.issues.slice(0, 2)), '\n  ' + probs.slice(0, 8).join('\n  '));
  }
});
