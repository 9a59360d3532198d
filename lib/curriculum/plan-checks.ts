import { checkBudget, type TCurriculum } from './schemas';

/** A plan linter: the problems of a plan (empty when it is fine). Same shape as lintPlan (lib/curriculum/lint-plan.ts). */
export type TPlanLint = (plan: TCurriculum, o: { budgetMinutes: number; goal?: string; language?: string }) => string[];

/**
 * The checks the AI path applies to every module it keeps, when no other linter is passed: the time
 * budget, a week on every lesson, quiz questions tied to an objective of their module, answers not all
 * in one position.
 */
export const basicPlanLint: TPlanLint = (plan, o) => {
  const problems = checkBudget(plan, o.budgetMinutes);
  plan.modules.forEach((m, i) => {
    m.lessons.forEach((l, j) => {
      if (!l.week) problems.push(`modules[${i}].lessons[${j}] has no week.`);
    });
    if (m.checkpoint.type !== 'quiz') return;
    const objectives = new Set(m.lessons.flatMap((l) => l.objectives.map((x) => x.trim().toLowerCase())));
    m.checkpoint.questions.forEach((q, j) => {
      if (!q.objective || !objectives.has(q.objective.trim().toLowerCase()))
        problems.push(
          `modules[${i}].checkpoint.questions[${j}].objective must be the exact text of one of this module's lesson objectives.`,
        );
    });
    const positions = new Set(m.checkpoint.questions.map((q) => q.answerIndex));
    if (m.checkpoint.questions.length >= 3 && positions.size === 1)
      problems.push(`modules[${i}].checkpoint: every right answer is at position ${[...positions][0]}; vary the positions.`);
  });
  return problems;
};
