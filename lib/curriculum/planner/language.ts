import { normalizeText } from '../atlas/match-goal';

export const PLAN_LANGUAGES = ['en', 'de', 'es'] as const;
export type TPlanLanguage = (typeof PLAN_LANGUAGES)[number];

// The request's `language` is free text ("German", "Deutsch", "español", "es", "de-AT").
const NAMES: Record<TPlanLanguage, string[]> = {
  en: ['en', 'eng', 'english', 'englisch', 'ingles', 'anglais'],
  de: ['de', 'deu', 'ger', 'german', 'deutsch', 'aleman', 'allemand', 'tedesco'],
  es: ['es', 'spa', 'spanish', 'espanol', 'castellano', 'spanisch', 'espagnol', 'spagnolo'],
};

/** The plan's language, and whether the learner asked for one the offline planner cannot write (then English). */
export function resolveLanguage(input: string | undefined): { language: TPlanLanguage; fallback: boolean; asked: string } {
  const asked = (input ?? '').trim();
  const key = normalizeText(asked)
    .replace(/[_-][a-z]{2,4}$/, '') // de-AT, es_MX, en-GB
    .replace(/\s*\(.*\)$/, '')
    .trim();
  if (!key) return { language: 'en', fallback: false, asked };
  for (const lang of PLAN_LANGUAGES) if (NAMES[lang].includes(key)) return { language: lang, fallback: false, asked };
  return { language: 'en', fallback: true, asked };
}
