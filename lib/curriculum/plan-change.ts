import { defaultAtlas, topoOrder, type TAtlas } from './atlas/load-atlas';
import { clip } from './planner/build-modules';
import { genericTopics, knownTopicIds, toPlanTopic, type TPlanTopic } from './planner/choose-topics';
import { planTopics, setupPlan, type TPlanSetup } from './plan-offline';
import type { TCurriculum, TCurriculumRequest } from './schemas';

// Regenerate a module and Extend, offline: the same planner, working from the plan so far. A regenerated
// module is a fresh take on the same topics in the same weeks; an extension continues the topic graph
// (the next topics; deeper practice once all are covered), its weeks following the plan's.

/** What the planner needs to know of the plan so far (lib/curriculum/prompt.ts sends the model the same digest). */
export type TPlanSoFar = { title: string; modules: { title: string; topics: string[]; objectives?: string[] }[] };

/** The learner's own goal inside the requests Regenerate and Extend build ("…, part of: <goal>", "Go further after: <title>. <goal>"). */
export function originalGoal(goal: string, plan?: { title: string }): string {
  const part = goal.lastIndexOf(', part of: ');
  if (part >= 0) return goal.slice(part + ', part of: '.length).trim() || goal;
  const further = plan ? `Go further after: ${plan.title}. ` : 'Go further after: ';
  if (goal.startsWith(further)) return goal.slice(further.length).trim() || goal;
  return goal;
}

/** A title without the week count it had ("SQL in 10 weeks" → "SQL"): it stops being true after Extend. */
export const titleWithoutWeeks = (title: string) => title.replace(/\s+in\s+\d+\s+weeks?$/i, '').trim() || title;

function candidates(s: TPlanSetup): TPlanTopic[] {
  return s.subject ? topoOrder(s.subject.topics).map((t) => toPlanTopic(t, s.lang, s.level)) : genericTopics(s.m, s.shape);
}

/** The planner's topics a module of the plan is about: by its topic names, else by its place in the plan. */
function topicsOf(s: TPlanSetup, module: TPlanSoFar['modules'][number], index: number, count: number): TPlanTopic[] {
  const all = candidates(s);
  const named = (n: string) => {
    const bare = n.replace(/…$/, '');
    return all.find((t) => t.name === n || (n.endsWith('…') && t.name.startsWith(bare)));
  };
  const found = [...new Set(module.topics.map(named).filter((t): t is TPlanTopic => !!t))];
  if (found.length) return found;
  return [all[Math.min(all.length - 1, Math.floor((index / Math.max(1, count)) * all.length))]];
}

const lessonText = (c: TCurriculum) => c.modules.flatMap((m) => m.lessons.flatMap((l) => [l.title, ...l.objectives]));

/** Module `index` again, as a one-module curriculum: the same topics and weeks, another take on them. */
export function regenerateModuleOffline(
  req: TCurriculumRequest,
  plan: TPlanSoFar,
  o: { index: number; budgetMinutes: number; weeks: number; firstWeek: number },
  atlas: TAtlas = defaultAtlas(),
): TCurriculum {
  const s = setupPlan({ ...req, goal: originalGoal(req.goal, plan) }, atlas);
  const old = plan.modules[o.index];
  const topics = topicsOf(s, old, o.index, plan.modules.length);
  const weeks = Math.max(1, o.weeks);
  const make = (variant: number) => {
    const { modules } = planTopics(s, {
      topics,
      weeks,
      budget: o.budgetMinutes,
      weekOffset: o.firstWeek - 1,
      first: o.index === 0,
      final: o.index === plan.modules.length - 1,
      reviews: false,
      variant,
      maxLessonsPerWeek: Math.max(1, Math.floor(12 / weeks)),
      single: true,
    });
    return { title: plan.title, summary: modules[0].summary, prerequisites: [], outcomes: [clip(modules[0].summary, 300)], modules };
  };
  // A fresh take: the first variant whose lessons differ from the module's current ones.
  const before = old.objectives ?? [];
  for (let v = 1; v <= 3; v++) {
    const c = make(v);
    const text = lessonText(c);
    if (!before.length || before.some((x) => !text.includes(x)) || text.length !== before.length) return c;
  }
  return make(1);
}

/** Modules for `weeks` more weeks after the plan: the topics not covered yet, else deeper practice of the last ones. */
export function extendPlanOffline(
  req: TCurriculumRequest,
  plan: TPlanSoFar,
  o: { budgetMinutes: number; weeks: number; firstWeek: number },
  atlas: TAtlas = defaultAtlas(),
): TCurriculum {
  const s = setupPlan({ ...req, goal: originalGoal(req.goal, plan) }, atlas);
  const covered = new Set(plan.modules.flatMap((m, i) => topicsOf(s, m, i, plan.modules.length).map((t) => t.id)));
  const known = s.subject ? knownTopicIds(s.subject, req.background) : new Set<string>();
  const all = candidates(s);
  let topics = all.filter((t) => !covered.has(t.id) && !known.has(t.id));
  const deeper = topics.length === 0;
  if (deeper) topics = all.filter((t) => covered.has(t.id)).slice(-3);
  if (!topics.length) topics = all.slice(-3);
  const hours = () => topics.reduce((sum, t) => sum + t.hours, 0);
  while (!deeper && topics.length > 1 && hours() > (o.budgetMinutes / 60) * 1.5) topics = topics.slice(0, -1);
  const { modules } = planTopics(s, {
    topics,
    weeks: o.weeks,
    budget: o.budgetMinutes,
    weekOffset: o.firstWeek - 1,
    first: false,
    final: true,
    reviews: true,
    deeper,
    moduleOffset: plan.modules.length,
    maxModules: Math.max(1, 20 - plan.modules.length),
  });
  return {
    title: clip(titleWithoutWeeks(plan.title), 200),
    summary: modules[0].summary,
    prerequisites: [],
    outcomes: [...topics.flatMap((t) => t.objectives.slice(0, 1).map((x) => x.text)), clip(modules[0].summary, 300)].slice(0, 10),
    modules,
  };
}

/** The plan so far as Regenerate and Extend pass it on: titles, topics and objectives of each module. */
export function planSoFar(plan: {
  title: string;
  modules: { title: string; topics: string[]; lessons: { objectives: string[] }[] }[];
}): TPlanSoFar {
  return {
    title: plan.title,
    modules: plan.modules.map((m) => ({ title: m.title, topics: m.topics, objectives: m.lessons.flatMap((l) => l.objectives) })),
  };
}

/** Moves every lesson of a module `by` weeks (an extension that landed after another one). */
export function shiftWeeks<M extends { lessons: { week?: number }[] }>(module: M, by: number): M {
  if (!by) return module;
  return { ...module, lessons: module.lessons.map((l) => (l.week === undefined ? l : { ...l, week: Math.min(52, l.week + by) })) };
}
