import type { GOAL_SHAPES } from './atlas/schema';
import type { TModelOutline } from './model-schemas';
import type { TCurriculumRequest, TModule } from './schemas';

// The AI path's prompts: one for the outline, one per module. The server sends the numbers it computed
// (each module's minutes, weeks and lesson count) and never asks the model to add anything up.

export type TGoalShape = (typeof GOAL_SHAPES)[number];
type TMessage = { role: 'system' | 'user'; content: string };

/** What a plan already holds, sent with Extend and Regenerate (and to later modules) so nothing is repeated. */
// The same shape as plan-change.ts's TPlanSoFar.
export type TPlanDigest = { title: string; modules: { title: string; topics: string[]; objectives?: string[] }[] };
/** Objectives listed per module in a prompt: a 20-module plan's prompt stays small. */
const OBJECTIVES_PER_MODULE = 12;

export function digestOf(plan: { title: string; modules: TModule[] }): TPlanDigest {
  return {
    title: plan.title,
    modules: plan.modules.map((m) => ({
      title: m.title,
      topics: m.topics,
      objectives: m.lessons.flatMap((l) => l.objectives).slice(0, OBJECTIVES_PER_MODULE),
    })),
  };
}

/** How a plan of each shape is built (docs/curricula.md, "Goal shapes"). */
export const SHAPE_RULES: Record<TGoalShape, string> = {
  exam: 'exam preparation: start with a diagnostic test, then study the exam domains weighted as the official exam guide weights them, then timed mock exams under exam conditions, and end with a review week; quiz questions in the style of the exam.',
  language:
    'language learning: short daily sessions across the four skills (reading, listening, speaking, writing), objectives as CEFR can-do statements ("Can order a meal and ask for the bill"), vocabulary reviewed by spaced repetition, and a final speaking and writing assessment at the target level.',
  programming:
    'a programming language, tool or technical field: in each module concept → guided practice → a small project; the plan ends with a capstone project with acceptance criteria.',
  training:
    'physical training: sessions with progressive load (no more than about 10% more per week), rest days, a taper before the target event, and a safety note (see a doctor before starting if unsure of your health; stop on sharp pain).',
  instrument:
    'an instrument or an art: daily practice routines (technique, repertoire, ear or theory), one piece or work per module, and a recorded performance or finished piece at the end.',
  project:
    'a practical project (home, garden, making something): plan → do → review in each module, ending with the finished result and a review.',
  'soft-skill':
    'a soft skill: learn → rehearse → apply in a real situation and reflect, in each module; ending with an applied assessment.',
};

const COMMON_RULES = [
  'Answer with one JSON object that follows the given JSON schema exactly; write no text outside it.',
  'Order topics so that each builds on earlier ones; name the real concepts of the subject, not the words of the goal.',
  'Spaced review: from the second module on, include a short review lesson that revisits earlier modules.',
  'The last module ends with a final assessment suited to the plan (a project for building skills, a full mock exam for an exam, a test session or event for training, a performance for an instrument).',
  'Quiz questions test the module’s lesson objectives: each question’s "objective" is the exact text of one lesson objective of that module; plausible wrong choices; the right answer in varied positions; an explanation.',
  'Resources: real, stable pages (official documentation, exam guides, standards bodies, well-known courses and books); prefer a homepage to an invented deep link. Links are checked; a dead one is replaced by a search.',
  'Flag an unrealistic goal honestly in "warnings" (what is realistic at this pace instead). A goal that touches health, fitness, diet or money gets a short "caveat" (not medical or financial advice; when to see a professional); otherwise caveat is null.',
];

function learnerLines(req: TCurriculumRequest): string[] {
  return [
    `Goal: ${req.goal}`,
    `Current level: ${req.level}`,
    req.background ? `Background (skip what they know): ${req.background}` : '',
    `Preferred material: ${req.materials.join(', ')}.`,
    `Write everything in ${req.language}.`,
  ].filter(Boolean);
}

function shapeLine(shape: TGoalShape | null, subject: string | null): string {
  const matched = subject ? `The goal matches the subject "${subject}". ` : '';
  if (shape) return `${matched}This goal is ${SHAPE_RULES[shape]} Set "shape" to "${shape}".`;
  return `Choose "shape" from these and follow its rules:\n${Object.entries(SHAPE_RULES)
    .map(([k, v]) => `- ${k}: ${v}`)
    .join('\n')}`;
}

function digestLines(existing: TPlanDigest | undefined, heading: string): string[] {
  if (!existing) return [];
  return [
    `${heading} "${existing.title}":`,
    ...existing.modules.map(
      (m, i) =>
        `${i + 1}. ${m.title} — topics: ${m.topics.join(', ')}${m.objectives?.length ? `; objectives: ${m.objectives.slice(0, OBJECTIVES_PER_MODULE).join(' | ')}` : ''}`,
    ),
  ];
}

export type TOutlinePromptOptions = {
  weeks: number;
  hoursPerWeek: number;
  moduleRange: [number, number];
  shape: TGoalShape | null;
  subject: string | null;
  /** Extend: the plan so far; the outline continues after it. */
  existing?: TPlanDigest;
};

export function buildOutlineMessages(req: TCurriculumRequest, o: TOutlinePromptOptions): TMessage[] {
  return [
    {
      role: 'system',
      content: `You design practical self-study curricula for one learner. First you write the outline of the plan; each module is written in a later step.\n${COMMON_RULES.map((r) => `- ${r}`).join('\n')}`,
    },
    {
      role: 'user',
      content: [
        ...learnerLines(req),
        `Time: ${o.hoursPerWeek} hours per week for ${o.weeks} weeks. The server sizes every module in minutes from the "weeks" you give each module (a relative size), so do no arithmetic.`,
        `Write ${o.moduleRange[0] === o.moduleRange[1] ? o.moduleRange[0] : `${o.moduleRange[0]} to ${o.moduleRange[1]}`} modules, each with 1-8 short topics and its checkpoint kind (quiz, or project for building modules and the last one where it fits).`,
        'List the prerequisites the learner needs before starting and the outcomes they will reach. Set "language" to the ISO 639-1 code of the language you write in.',
        shapeLine(o.shape, o.subject),
        ...digestLines(
          o.existing,
          'The learner has finished or is following this plan; continue after it for the weeks above, building on it and repeating none of its modules, topics or objectives. The plan so far is',
        ),
      ].join('\n'),
    },
  ];
}

export type TModulePromptOptions = {
  outline: Pick<TModelOutline, 'title' | 'modules'>;
  index: number;
  targetMinutes: number;
  lessons: number;
  weekRange: [number, number];
  shape: TGoalShape;
  subject: string | null;
  /** Modules of this plan already written (titles, topics, objectives). */
  written: TPlanDigest['modules'];
  existing?: TPlanDigest;
  /** Regenerate: the learner asked for a fresh take on this module. */
  regenerate?: boolean;
};

export function buildModuleMessages(req: TCurriculumRequest, o: TModulePromptOptions): TMessage[] {
  const m = o.outline.modules[o.index];
  const weeks = o.weekRange[0] === o.weekRange[1] ? `week ${o.weekRange[0]}` : `weeks ${o.weekRange[0]}-${o.weekRange[1]}`;
  return [
    {
      role: 'system',
      content: `You write one module of a self-study curriculum whose outline is given.\n${COMMON_RULES.map((r) => `- ${r}`).join('\n')}`,
    },
    {
      role: 'user',
      content: [
        ...learnerLines(req),
        shapeLine(o.shape, o.subject),
        `Plan: "${o.outline.title}". Outline:`,
        ...o.outline.modules.map((x, i) => `${i + 1}. ${x.title} — ${x.topics.join(', ')}${i === o.index ? '   ← write this one' : ''}`),
        ...digestLines(
          o.existing,
          o.regenerate ? 'The rest of the plan (do not repeat it) is' : 'Earlier plan the learner already has (do not repeat it),',
        ),
        o.written.length
          ? `Already written in this plan (do not repeat these objectives):\n${o.written.map((w) => `- ${w.title}: ${(w.objectives ?? []).join(' | ')}`).join('\n')}`
          : '',
        o.regenerate
          ? `The learner asked for a fresh take on module ${o.index + 1}: keep its title and topics, write new lessons and a new checkpoint.`
          : '',
        `Write module ${o.index + 1} of ${o.outline.modules.length}: "${m.title}" (topics: ${m.topics.join(', ')}). It is scheduled in ${weeks} and takes about ${o.targetMinutes} minutes: write ${o.lessons} lesson${o.lessons === 1 ? '' : 's'}; give each lesson rough "minutes" (the server scales them to fit).`,
        m.checkpoint === 'quiz'
          ? 'Checkpoint: a quiz of 3 to 6 questions (brief and acceptanceCriteria null).'
          : 'Checkpoint: a project with a brief and 1 to 8 acceptance criteria (questions null).',
      ]
        .filter(Boolean)
        .join('\n'),
    },
  ];
}
