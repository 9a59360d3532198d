import MiniSearch from 'minisearch';
import { topoOrder } from '../atlas/load-atlas';
import { normalizeText } from '../atlas/match-goal';
import type { TAtlasQuestion, TAtlasSubject, TAtlasTopic, TGoalShape } from '../atlas/schema';
import type { TLevel, TMessages } from './messages';
import type { TPlanLanguage } from './language';

/** A topic as the plan uses it: an atlas topic in the plan's language, or a generic step of the goal's shape. */
export type TPlanTopic = {
  id: string;
  name: string;
  /** The subject's real concepts (atlas only; English terms). */
  concepts: string[];
  /** Objectives in the plan's language, with their atlas ids (questions point at them). */
  objectives: { id: string; text: string }[];
  practice: string | null;
  hours: number;
  questions: TAtlasQuestion[];
};

const MAX_TEXT = 300; // a lesson objective's limit (ZLesson); longer atlas strings stay out of objectives
const RANK: Record<TLevel, number> = { beginner: 0, intermediate: 1, advanced: 2 };

export function toPlanTopic(t: TAtlasTopic, lang: TPlanLanguage, level: TLevel): TPlanTopic {
  return {
    id: t.id,
    name: t.name[lang],
    concepts: t.concepts,
    objectives: t.objectives.map((o) => ({ id: o.id, text: o[lang] })).filter((o) => o.text.length <= MAX_TEXT),
    practice: t.practice[lang].length <= MAX_TEXT ? t.practice[lang] : null,
    hours: t.hours[level],
    questions: t.questions,
  };
}

export function genericTopics(m: TMessages, shape: TGoalShape): TPlanTopic[] {
  return m.generic[shape].map((g, i) => ({
    id: `step-${i + 1}`,
    name: g.name,
    concepts: [],
    objectives: g.objectives.map((text, k) => ({ id: `o${k + 1}`, text })),
    practice: g.practice,
    hours: 1,
    questions: [],
  }));
}

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];
const words = (s: string) => ` ${tokenize(normalizeText(s)).filter(Boolean).join(' ')} `;

/** Topics the learner's background says they know: one of the topic's knownBy phrases appears in it as whole words. */
export function knownTopicIds(subject: TAtlasSubject, background: string): Set<string> {
  const bg = words(background);
  if (!bg.trim()) return new Set();
  return new Set(subject.topics.filter((t) => t.knownBy.some((k) => bg.includes(words(k)))).map((t) => t.id));
}

export type TTopicChoice = {
  topics: TAtlasTopic[];
  /** Left out because the level assumes them. */
  assumed: TAtlasTopic[];
  /** Left out because the background names them. */
  known: TAtlasTopic[];
  /** Left out because the time budget does not reach them (in prerequisite order). */
  notCovered: TAtlasTopic[];
};

/**
 * The subject's topics for this learner, in prerequisite order: the level skips topics below it (keeping at
 * least three), the background skips known ones (keeping at least two), and a budget far below the topics'
 * typical hours cuts the last ones (keeping at least two).
 */
export function chooseTopics(subject: TAtlasSubject, o: { level: TLevel; background: string; budgetHours: number }): TTopicChoice {
  const ordered = topoOrder(subject.topics);
  const known = knownTopicIds(subject, o.background);
  let atLevel = ordered.filter((t) => RANK[t.level] >= RANK[o.level]);
  const assumed = ordered.filter((t) => !atLevel.includes(t));
  // Too few at this level: take back the most advanced of the skipped ones.
  while (atLevel.length < 3 && assumed.length) atLevel = [assumed.pop()!, ...atLevel];
  atLevel = ordered.filter((t) => atLevel.includes(t));
  let kept = atLevel.filter((t) => !known.has(t.id));
  const knownOut = atLevel.filter((t) => known.has(t.id));
  if (kept.length < 2) kept = atLevel.slice(-2);
  const knownSkipped = knownOut.filter((t) => !kept.includes(t));
  const notCovered: TAtlasTopic[] = [];
  const hoursOf = (ts: TAtlasTopic[]) => ts.reduce((s, t) => s + t.hours[o.level], 0);
  while (kept.length > 2 && hoursOf(kept) > o.budgetHours * 1.5) notCovered.unshift(kept.pop()!);
  return { topics: kept, assumed: assumed.filter((t) => !kept.includes(t)), known: knownSkipped, notCovered };
}
