import { MESSAGES } from './planner/messages';
import { PLAN_LANGUAGES, type TPlanLanguage } from './planner/language';
import type { TPlanMeta } from './schemas';

/**
 * What the curriculum page says about how a plan was made, in the plan's language: the headline
 * ("Matched: Running · Training plan", or "Training plan · topics not tailored") and the notes to show
 * with it (the caveat, then the warnings: language fallback, links are searches, questions in English…).
 */
export function planLabels(meta: TPlanMeta): { headline: string; shape: string; notes: string[] } {
  const lang: TPlanLanguage = (PLAN_LANGUAGES as readonly string[]).includes(meta.language) ? (meta.language as TPlanLanguage) : 'en';
  const m = MESSAGES[lang];
  const shape = m.shapeLabel[meta.shape];
  return {
    headline: meta.subject ? m.matched(meta.subject.name, shape) : m.notTailored(shape),
    shape,
    notes: [...(meta.caveat ? [meta.caveat] : []), ...(meta.warnings ?? [])],
  };
}
