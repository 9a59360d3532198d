import type { TAtlasSubject, TGoalShape } from '../atlas/schema';
import type { TCheckpoint, TLesson, TModule } from '../schemas';
import type { TPlanTopic } from './choose-topics';
import { listIn, type TMessages, type TStage } from './messages';
import { hashString, seededRandom, seededShuffle, split } from './random';
import { slotWeight, type TSlot, type TWeek } from './schedule';

// The calendar → modules of lessons: titles, objectives, minutes, resources and checkpoints.

type TKind = TLesson['kind'];
export type TBuildContext = {
  m: TMessages;
  shape: TGoalShape;
  subject: TAtlasSubject | null;
  kinds: TKind[];
  /** Words of the goal for labelled search links (goals outside the atlas). */
  searchPhrase: string;
  seed: string;
  variant: number;
  /** Extension with no new topics: modules are deeper practice of known ones. */
  deeper: boolean;
};

const PREFERRED: Record<string, TKind[]> = {
  learn: ['read', 'watch', 'practice', 'project'],
  study: ['read', 'watch', 'practice', 'project'],
  reading: ['read', 'practice', 'watch', 'project'],
  listening: ['watch', 'practice', 'read', 'project'],
  apply: ['project', 'practice', 'read', 'watch'],
  plan: ['project', 'practice', 'read', 'watch'],
  check: ['project', 'practice', 'read', 'watch'],
  use: ['project', 'practice', 'read', 'watch'],
  final: ['project', 'practice', 'read', 'watch'],
};
const kindFor = (key: string, kinds: TKind[]) =>
  (PREFERRED[key] ?? ['practice', 'project', 'read', 'watch']).find((k) => kinds.includes(k)) ?? kinds[0];

const RESOURCE_TYPE = {
  docs: 'docs',
  'exam-guide': 'docs',
  standard: 'docs',
  course: 'course',
  book: 'book',
  tool: 'tool',
  community: 'article',
} as const;

/** Cuts at a word boundary: "Lists, dictionaries, sets and…" — never "part o". */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const at = cut.lastIndexOf(' ');
  return `${(at > max / 2 ? cut.slice(0, at) : cut).replace(/[\s,;:–-]+$/, '')}…`;
}

const uniq = <T>(xs: T[]) => [...new Set(xs)];

function searchQuery(phrase: string, extra: string): string {
  const seen = new Set<string>();
  return `${phrase} ${extra}`
    .split(/\s+/)
    .filter((w) => w && !seen.has(w.toLowerCase()) && seen.add(w.toLowerCase()))
    .join(' ');
}

function resourcesFor(ctx: TBuildContext, topicName: string, index: number): TLesson['resources'] {
  if (ctx.subject) {
    const rs = ctx.subject.resources;
    const start = (index + ctx.variant) % rs.length;
    return [rs[start], rs[(start + 1) % rs.length]]
      .filter((r, i, all) => all.indexOf(r) === i)
      .map((r) => ({ title: r.title, url: r.url, type: RESOURCE_TYPE[r.kind] }));
  }
  const q = clip(searchQuery(ctx.searchPhrase, topicName), 120);
  const enc = encodeURIComponent(q);
  return [
    { title: ctx.m.search.reference(q), url: `https://duckduckgo.com/?q=${enc}`, type: 'article' },
    { title: ctx.m.search.video(q), url: `https://www.youtube.com/results?search_query=${enc}`, type: 'video' },
  ];
}

/** Objectives of a topic a content session teaches: spread so each objective is taught at least once. */
function objectivesFor(topic: TPlanTopic, step: number, steps: number, variant: number): string[] {
  const objs = topic.objectives;
  if (!objs.length) return [];
  if (steps >= objs.length) return [objs[(step + variant) % objs.length].text];
  return objs.filter((_, i) => (i + variant) % steps === step).map((o) => o.text);
}

const names = (m: TMessages, ts: TPlanTopic[]) =>
  ts.length > 3
    ? `${ts[0].name} – ${ts.at(-1)!.name}`
    : listIn(
        m,
        ts.map((t) => t.name),
      );

function lessonFor(ctx: TBuildContext, slot: TSlot, load: TWeek['load'], index: number, minutes: number): TLesson {
  const { m } = ctx;
  let title: string;
  let objectives: string[];
  let key: TStage | 'final' | 'review' = 'practice';
  let topicName = '';
  switch (slot.type) {
    case 'content': {
      key = slot.stage;
      topicName = names(m, slot.topics);
      const named = ctx.deeper ? m.deeper(topicName) : topicName;
      title = m.stageTitle[slot.stage](named, slot.n);
      // The atlas's exercise for the topic on every other practice session; the stage's own activity otherwise.
      const practiceLike = !['learn', 'study', 'plan', 'check', 'apply', 'use'].includes(slot.stage);
      const own = practiceLike && slot.topics[0].practice && (slot.stage === 'session' || (slot.step + ctx.variant) % 2 === 1);
      const activity = own ? slot.topics[0].practice! : m.stageActivity[slot.stage];
      const taught =
        slot.topics.length === 1
          ? objectivesFor(slot.topics[0], slot.step, slot.steps, ctx.variant)
          : slot.topics.flatMap((t) => (t.objectives.length ? [t.objectives[ctx.variant % t.objectives.length].text] : []));
      objectives = [activity, ...(load ? [m.load[load]] : []), ...(ctx.shape === 'training' && slot.n === 1 ? [m.rest] : []), ...taught];
      break;
    }
    case 'review':
      key = 'review';
      topicName = names(m, slot.topics);
      title = m.review.title(topicName);
      objectives = [m.review.objective, ...slot.topics.map((t) => t.objectives[0]?.text).filter((x): x is string => !!x)];
      break;
    case 'taper':
      topicName = slot.topics[0].name;
      title = m.stageTitle.session(topicName, slot.n);
      objectives = [slot.topics[0].practice ?? m.stageActivity.session, m.load.taper];
      break;
    case 'diagnostic':
      title = m.diagnostic.title;
      objectives = m.diagnostic.objectives;
      break;
    case 'mock':
      title = m.mock.title(slot.n);
      objectives = m.mock.objectives;
      break;
    case 'final':
      key = 'final';
      title = m.final[ctx.shape].title;
      objectives = m.final[ctx.shape].objectives;
      break;
  }
  return {
    title: clip(title, 200),
    kind: kindFor(key, ctx.kinds),
    objectives: uniq(objectives).slice(0, 6),
    estimatedMinutes: Math.min(1200, Math.max(5, minutes)),
    resources: resourcesFor(ctx, topicName || ctx.subject?.name.en || '', index),
    week: slot.week,
  };
}

/** Options with the right answer at `target`, the distractors in a seeded order around it. */
function placeAnswer(options: string[], answer: number, target: number, random: () => number): string[] {
  const rest = seededShuffle(
    options.filter((_, i) => i !== answer),
    random,
  );
  rest.splice(target, 0, options[answer]);
  return rest;
}

function quizFor(ctx: TBuildContext, topics: TPlanTopic[], taught: Set<string>, moduleIndex: number): TCheckpoint | null {
  const subject = ctx.subject;
  if (!subject) return null;
  const pools = topics.map((t) =>
    t.questions
      .map((q) => ({ q, topic: t, objective: t.objectives.find((o) => o.id === q.objective)?.text }))
      .filter((x): x is typeof x & { objective: string } => !!x.objective && taught.has(x.objective)),
  );
  const picked: (typeof pools)[number] = [];
  const offset = ctx.variant;
  for (let round = 0; picked.length < 5 && pools.some((p) => p.length > round); round++)
    for (const p of pools) if (p.length > round && picked.length < 5) picked.push(p[(round + offset) % p.length]);
  if (picked.length < 3) return null;
  const random = seededRandom(hashString(`${ctx.seed}|quiz|${moduleIndex}|${ctx.variant}`));
  // Right answers spread over the positions: a seeded permutation of 0–3, repeated.
  const positions = seededShuffle([0, 1, 2, 3], random);
  const questions: TQuizQuestion[] = picked.map(({ q, topic, objective }, i) => {
    const target = positions[i % 4];
    return {
      id: `${subject.id}/${topic.id}/${q.id}`,
      objective,
      question: q.prompt,
      choices: placeAnswer(q.options, q.answer, target, random),
      answerIndex: target,
      explanation: q.explanation,
    };
  });
  return { type: 'quiz', questions };
}

type TQuizQuestion = Extract<TCheckpoint, { type: 'quiz' }>['questions'][number];

/** Weeks → modules: one module per run of weeks on the same topics, split to at most 12 lessons, at most 20 modules. */
export function groupWeeks(weeks: TWeek[], maxModules = 20): TWeek[][] {
  const fits = (ws: TWeek[]) => ws.reduce((s, w) => s + w.slots.length, 0) <= 12;
  let groups: TWeek[][] = [];
  for (const w of weeks) {
    const last = groups.at(-1);
    if (last && last[0].key === w.key && fits([...last, w])) last.push(w);
    else groups.push([w]);
  }
  while (groups.length > maxModules) {
    let best = -1;
    for (let i = 0; i + 1 < groups.length; i++) {
      const size = (g: TWeek[]) => g.reduce((s, w) => s + w.slots.length, 0);
      if (
        fits([...groups[i], ...groups[i + 1]]) &&
        (best < 0 || size(groups[i]) + size(groups[i + 1]) < size(groups[best]) + size(groups[best + 1]))
      )
        best = i;
    }
    if (best < 0) break;
    groups.splice(best, 2, [...groups[best], ...groups[best + 1]]);
  }
  if (groups.length > maxModules) {
    // Fixed chunks of k weeks, k as many as the busiest week allows (sessions a week are capped so this fits).
    const k = Math.max(1, Math.floor(12 / Math.max(...weeks.map((w) => w.slots.length))));
    groups = [];
    for (let i = 0; i < weeks.length; i += k) groups.push(weeks.slice(i, i + k));
  }
  return groups;
}

/** `single`: everything in one module (a regenerated module keeps its place in the plan). */
export function buildModules(
  ctx: TBuildContext,
  weeks: TWeek[],
  o: { moduleOffset?: number; maxModules?: number; single?: boolean } = {},
): TModule[] {
  const { m } = ctx;
  const moduleOffset = o.moduleOffset ?? 0;
  const groups = o.single ? [weeks] : groupWeeks(weeks, o.maxModules);
  const partsOf = new Map<string, number>();
  for (const g of groups) partsOf.set(g[0].key, (partsOf.get(g[0].key) ?? 0) + 1);
  const partNo = new Map<string, number>();
  let lessonIndex = 0;

  return groups.map((g, gi): TModule => {
    const slots = g.flatMap((w) => w.slots);
    const lessons = g.flatMap((w) => {
      const minutes = split(w.minutes, w.slots.map(slotWeight));
      return w.slots.map((s, i) => lessonFor(ctx, s, w.load, lessonIndex++, minutes[i]));
    });
    const topics = uniq(slots.flatMap((s) => ('topics' in s ? s.topics : [])));
    const contentTopics = uniq(slots.flatMap((s) => (s.type === 'content' ? s.topics : [])));
    const key = g[0].key;
    const part = (partNo.get(key) ?? 0) + 1;
    partNo.set(key, part);
    const base =
      key === 'review-week' ? m.reviewWeek : key === 'taper' ? m.taper : contentTopics.length ? names(m, contentTopics) : names(m, topics);
    const named = ctx.deeper && contentTopics.length ? m.deeper(base) : base;
    const title = (partsOf.get(key) ?? 1) > 1 && key !== 'review-week' && key !== 'taper' ? m.part(named, part) : named;

    const concepts = uniq(contentTopics.flatMap((t) => t.concepts)).slice(0, 12);
    const practice = uniq((contentTopics.length ? contentTopics : topics).map((t) => t.practice).filter((p): p is string => !!p));
    const summary = clip(
      [concepts.length ? m.concepts(concepts.join(', ')) : '', ...practice.slice(0, 2), ctx.shape === 'training' ? m.rest + '.' : '']
        .filter(Boolean)
        .join(' ') || m.shapeFlow[ctx.shape],
      800,
    );
    const taught = new Set(lessons.flatMap((l) => l.objectives));
    const isFinal = slots.some((s) => s.type === 'final');
    const projectFinal = isFinal && ['programming', 'project', 'instrument', 'soft-skill'].includes(ctx.shape);
    const quiz = projectFinal ? null : quizFor(ctx, contentTopics.length ? contentTopics : topics, taught, moduleOffset + gi);
    const topicObjectives = uniq(topics.flatMap((t) => t.objectives.map((o) => o.text)).filter((o) => taught.has(o)));
    const checkpoint: TCheckpoint = quiz ?? {
      type: 'project',
      brief: clip(isFinal ? m.final[ctx.shape].title : m.moduleBrief(names(m, topics.length ? topics : contentTopics) || title), 800),
      acceptanceCriteria: (isFinal || !topicObjectives.length ? m.final[ctx.shape].criteria : topicObjectives).slice(0, 8),
    };
    const minutes = lessons.reduce((s, l) => s + l.estimatedMinutes, 0);
    return {
      title: clip(title, 200),
      summary,
      topics: topics.length
        ? uniq((contentTopics.length ? contentTopics : topics).map((t) => clip(t.name, 60))).slice(0, 8)
        : [clip(title, 60)],
      estimatedHours: Math.max(0.1, Math.round((minutes / 60) * 100) / 100),
      checkpoint,
      lessons,
    };
  });
}
