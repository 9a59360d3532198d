import { defaultAtlas, type TAtlas } from './atlas/load-atlas';
import { contentWords, inferShape } from './atlas/match-goal';
import type { TAtlasSubject, TGoalShape } from './atlas/schema';
import { buildModules, clip, type TBuildContext } from './planner/build-modules';
import { chooseTopics, genericTopics, toPlanTopic, type TPlanTopic } from './planner/choose-topics';
import { resolveLanguage, type TPlanLanguage } from './planner/language';
import { listIn, MESSAGES, type TLevel, type TMessages } from './planner/messages';
import { buildSchedule } from './planner/schedule';
import { budgetMinutes, planWeeks, type TCurriculum, type TCurriculumRequest, type TLesson, type TModule, type TPlanMeta } from './schemas';

// The offline planner (issue #14): deterministic, pure, a few milliseconds. The goal is matched against
// the subject atlas (lib/curriculum/atlas); a matched subject gives the topics, objectives, resources and
// quiz questions, a goal outside the atlas gets the generic steps of its shape with search links. The shape
// (exam, language, programming, training, instrument, project, soft skill) decides how weeks and sessions
// are laid out (lib/curriculum/planner/schedule.ts). docs/curricula.md explains the whole.

export { split } from './planner/random';
export { goalSubject, goalTopics } from './goal-subject';

/** About one module per 8 hours, between 3 and 16: the page's placeholder count while a model generates. */
export const moduleCountFor = (budgetMinutes: number) => Math.min(16, Math.max(3, Math.round(budgetMinutes / 60 / 8)));

const KIND_BY_MATERIAL = { reading: 'read', video: 'watch', practice: 'practice', projects: 'project' } as const;
const GENERIC_START_SKIP: TGoalShape[] = ['programming', 'language', 'instrument', 'soft-skill'];

export type TPlanSetup = {
  req: TCurriculumRequest;
  lang: TPlanLanguage;
  fallback: boolean;
  asked: string;
  m: TMessages;
  shape: TGoalShape;
  subject: TAtlasSubject | null;
  level: TLevel;
  kinds: TLesson['kind'][];
  seed: string;
};

/** What every planning step needs to know about the request: language, matched subject, shape. */
export function setupPlan(req: TCurriculumRequest, atlas: TAtlas = defaultAtlas(), language?: string): TPlanSetup {
  const { language: lang, fallback, asked } = resolveLanguage(language ?? req.language);
  const match = atlas.matcher.match(req.goal);
  const subject = match?.subject ?? null;
  return {
    req,
    lang,
    fallback,
    asked,
    m: MESSAGES[lang],
    shape: subject?.shape ?? inferShape(req.goal),
    subject,
    level: req.level,
    kinds: [...new Set(req.materials.map((k) => KIND_BY_MATERIAL[k]))],
    seed: `${req.goal}|${req.level}|${req.background}|${lang}`,
  };
}

export function buildContext(s: TPlanSetup, o: { variant?: number; deeper?: boolean } = {}): TBuildContext {
  return {
    m: s.m,
    shape: s.shape,
    subject: s.subject,
    kinds: s.kinds,
    searchPhrase: contentWords(s.req.goal).slice(0, 6).join(' '),
    seed: s.seed,
    variant: o.variant ?? 0,
    deeper: o.deeper ?? false,
  };
}

/** Modules for some topics over some weeks: the schedule (sessions, reviews, assessments) turned into lessons. */
export function planTopics(
  s: TPlanSetup,
  o: {
    topics: TPlanTopic[];
    weeks: number;
    budget: number;
    weekOffset?: number;
    first?: boolean;
    final?: boolean;
    reviews?: boolean;
    variant?: number;
    deeper?: boolean;
    maxLessonsPerWeek?: number;
    moduleOffset?: number;
    maxModules?: number;
    /** All in one module (Regenerate). */
    single?: boolean;
  },
): { modules: TModule[]; sessions: number } {
  const { weeks, sessions } = buildSchedule({
    shape: s.shape,
    topics: o.topics,
    weeks: o.weeks,
    budget: o.budget,
    hoursPerWeek: o.budget / 60 / o.weeks,
    weekOffset: o.weekOffset ?? 0,
    first: o.first ?? true,
    final: o.final ?? true,
    reviews: o.reviews ?? true,
    variant: o.variant ?? 0,
    maxLessonsPerWeek: o.maxLessonsPerWeek,
    maxModules: o.maxModules,
  });
  return {
    modules: buildModules(buildContext(s, o), weeks, { moduleOffset: o.moduleOffset, maxModules: o.maxModules, single: o.single }),
    sessions,
  };
}

const topicNames = (m: TMessages, ts: { name: TAtlasSubject['name'] }[], lang: TPlanLanguage) =>
  clip(
    listIn(
      m,
      ts.map((t) => t.name[lang]),
    ),
    240,
  );

/** The meta block the page shows: matched subject and shape, language, fallback, caveat, warnings. */
function metaFor(s: TPlanSetup, o: { notCovered: string | null; covered: number; total: number; hasQuiz: boolean }): TPlanMeta {
  const { m } = s;
  const warnings = [
    s.fallback ? m.warnings.fallback(clip(s.asked, 60)) : null,
    s.subject ? null : m.warnings.notTailored,
    s.lang !== 'en' && o.hasQuiz ? m.warnings.questionsInEnglish : null,
    o.notCovered ? clip(m.warnings.notCovered(o.notCovered), 400) : null,
  ].filter((w): w is string => !!w);
  const caveats = [
    s.subject?.caveat?.[s.lang] ?? (s.shape === 'training' ? m.caveat.training : null),
    o.covered < o.total ? m.caveat.tooLittleTime(o.covered, o.total) : null,
  ].filter((c): c is string => !!c);
  return {
    generator: 'offline',
    shape: s.shape,
    subject: s.subject ? { id: s.subject.id, name: clip(s.subject.name[s.lang], 120) } : null,
    language: s.lang,
    languageFallback: s.fallback,
    ...(caveats.length ? { caveat: clip(caveats.join(' '), 800) } : {}),
    ...(warnings.length ? { warnings } : {}),
  };
}

const capitalize = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/** The goal as a title: trimmed, first letter capitalised, no trailing punctuation. */
const goalTitle = (goal: string) => {
  const g = goal.trim().replace(/[.!?]+$/, '');
  return clip(g.charAt(0).toUpperCase() + g.slice(1), 200);
};

/** A deterministic curriculum for the request: the same request and day always give the same plan. */
export function planOffline(req: TCurriculumRequest, today: Date, atlas: TAtlas = defaultAtlas()): TCurriculum {
  const s = setupPlan(req, atlas);
  const { m, lang, subject, shape } = s;
  const weeks = planWeeks(req, today);
  const budget = budgetMinutes(req, today);

  let topics: TPlanTopic[];
  let prerequisites: string[] = [];
  let notCovered: string | null = null;
  let covered = 0;
  let total = 0;
  if (subject) {
    const choice = chooseTopics(subject, { level: req.level, background: req.background, budgetHours: budget / 60 });
    topics = choice.topics.map((t) => toPlanTopic(t, lang, req.level));
    if (choice.assumed.length) prerequisites.push(m.assumed(topicNames(m, choice.assumed, lang)));
    if (choice.known.length) prerequisites.push(m.known(topicNames(m, choice.known, lang)));
    if (choice.notCovered.length) notCovered = topicNames(m, choice.notCovered, lang);
    covered = choice.topics.length;
    total = choice.topics.length + choice.notCovered.length;
  } else {
    const all = genericTopics(m, shape);
    topics = req.level !== 'beginner' && GENERIC_START_SKIP.includes(shape) ? all.slice(1) : all;
  }
  if (!prerequisites.length) prerequisites = req.level === 'beginner' ? [m.noPrereq] : [];

  const { modules, sessions } = planTopics(s, { topics, weeks, budget });
  const hasQuiz = modules.some((x) => x.checkpoint.type === 'quiz');
  const outcomes = subject
    ? [...topics.filter((t) => t.objectives.length).map((t) => t.objectives[0].text), m.final[shape].objectives[0]]
    : [...topics.map((t) => t.objectives[0].text), m.goalOutcome(clip(req.goal.trim(), 200))];

  return {
    title: subject ? clip(`${subject.name[lang]}: ${m.shapeLabel[shape]}`, 200) : goalTitle(req.goal),
    summary: clip(
      capitalize(
        m.summary({
          weeks,
          sessions,
          minutes: Math.round((req.hoursPerWeek * 60) / sessions),
          level: req.level,
          shape,
          subject: subject?.name[lang] ?? null,
        }),
      ),
      1200,
    ),
    prerequisites: prerequisites.slice(0, 10),
    outcomes: [...outcomes.slice(0, 8), ...outcomes.slice(-1)].filter((o, i, all) => all.indexOf(o) === i).slice(0, 10),
    modules,
    meta: metaFor(s, { notCovered, covered, total, hasQuiz }),
  };
}
