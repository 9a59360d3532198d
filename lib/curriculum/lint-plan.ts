import { contentWords, normalizeText } from './atlas/match-goal';
import { indefiniteArticle } from './planner/english';
import { resolveLanguage } from './planner/language';
import { checkBudget, type TCurriculum } from './schemas';

// The plan linter (issue #14): what a schema cannot say about a plan a learner will read. Pure; used by the
// planner's tests over the 40-goal sample and by the model path's validation. Each problem is one line
// naming where it is ("modules[2].lessons[0].title: …").

export type TLintOptions = {
  /** Minutes the plan must add up to (±10 %). */
  budgetMinutes: number;
  /** The learner's goal: its words must not be used as the plan's concepts. */
  goal?: string;
  /** The plan's language (free text or code); a/an is checked in English plans. */
  language?: string;
};

type TText = { path: string; text: string };

function textsOf(plan: TCurriculum): TText[] {
  const out: TText[] = [
    { path: 'title', text: plan.title },
    { path: 'summary', text: plan.summary },
    ...plan.prerequisites.map((text, i) => ({ path: `prerequisites[${i}]`, text })),
    ...plan.outcomes.map((text, i) => ({ path: `outcomes[${i}]`, text })),
  ];
  plan.modules.forEach((m, i) => {
    const at = `modules[${i}]`;
    out.push({ path: `${at}.title`, text: m.title }, { path: `${at}.summary`, text: m.summary });
    m.topics.forEach((text, j) => out.push({ path: `${at}.topics[${j}]`, text }));
    m.lessons.forEach((l, j) => {
      out.push({ path: `${at}.lessons[${j}].title`, text: l.title });
      l.objectives.forEach((text, k) => out.push({ path: `${at}.lessons[${j}].objectives[${k}]`, text }));
      l.resources.forEach((r, k) => out.push({ path: `${at}.lessons[${j}].resources[${k}].title`, text: r.title }));
    });
    if (m.checkpoint.type === 'project') {
      out.push({ path: `${at}.checkpoint.brief`, text: m.checkpoint.brief });
      m.checkpoint.acceptanceCriteria.forEach((text, k) => out.push({ path: `${at}.checkpoint.acceptanceCriteria[${k}]`, text }));
    } else {
      m.checkpoint.questions.forEach((q, k) => {
        out.push({ path: `${at}.checkpoint.questions[${k}].question`, text: q.question });
        q.choices.forEach((text, c) => out.push({ path: `${at}.checkpoint.questions[${k}].choices[${c}]`, text }));
        out.push({ path: `${at}.checkpoint.questions[${k}].explanation`, text: q.explanation });
      });
    }
  });
  return out;
}

// Template residue: unfilled placeholders, stringified nothing, the old planner's "Core X: Y".
const PLACEHOLDER = /\{\{|\}\}|\$\{|\[object Object\]|\b(?:TODO|TBD|FIXME|lorem ipsum)\b|<(?:goal|subject|topic)>/;
// "undefined" and "NaN" are real JavaScript in a lesson's text, but never in a title.
const EMPTY_VALUE = /\b(?:undefined|null|NaN)\b/;
const CORE_RESIDUE = /^Core\b[^:]*:/;
const WORD_LIST = /(?:[^\s/]+ \/ ){2,}[^\s/]+/; // "Run / half / marathon"
// The same word twice, as typed ("the the"); not code next to prose ("with WITH"), not notation ("W W H"),
// not German relative clauses ("das das Wetter").
const DOUBLED = /(?<![\p{L}\p{N}])(\p{L}{2,})\s+\1(?![\p{L}\p{N}])/u;
const LEGIT_DOUBLES = new Set(['das das', 'die die', 'der der', 'den den', 'dem dem']);
const ARTICLE = /(?<![\p{L}\p{N}'’-])(a|an|A|An)\s+([\p{L}\d][\p{L}\d'’-]*)/gu;
// Words a goal uses to say how much, how fast or what for: never a concept of the plan.
const GOAL_FILLER = new Set(
  'pass prepare preparing get become enough half under over hour hours week weeks month months year ready job-ready better fluent fast quickly finally really able want need'.split(
    ' ',
  ),
);
const TEMPLATE_VERB = /^(?:Explain|Practise|Practice|Apply|Use|Understand|Learn|Foundations of|Introduction to)\s+(\S+)(?:\s+in\s+.*)?$/i;

function articleProblems(t: TText): string[] {
  const out: string[] = [];
  for (const [, article, word] of t.text.matchAll(ARTICLE)) {
    if (/^[A-Z]{2,}/.test(word)) continue; // acronyms: "a SQL query" and "an SQL query" are both in use
    if (/^(?:a|an)$/i.test(word) || !/[aeiouy]/i.test(word)) continue; // no vowel: read letter by letter ("an mpsc")
    const want = indefiniteArticle(word);
    if (want !== article.toLowerCase()) out.push(`${t.path}: "${article} ${word}" should be "${want} ${word}"`);
  }
  return out;
}

function goalWordProblems(t: TText, goalWords: Set<string>, isConcept: boolean): string[] {
  const out: string[] = [];
  const text = t.text.trim();
  const template = TEMPLATE_VERB.exec(text);
  if (template && goalWords.has(normalizeText(template[1])) && GOAL_FILLER.has(normalizeText(template[1])))
    out.push(`${t.path}: goal word "${template[1]}" used as a concept ("${text}")`);
  if (isConcept) {
    const words = text.split(/[\s/,]+/).filter(Boolean);
    if (words.length && words.every((w) => GOAL_FILLER.has(normalizeText(w)) && goalWords.has(normalizeText(w))))
      out.push(`${t.path}: goal words used as a topic ("${text}")`);
  }
  return out;
}

/** Problems a learner would notice in the plan, or [] when it reads clean. */
export function lintPlan(plan: TCurriculum, o: TLintOptions): string[] {
  const problems: string[] = [];
  const english = (o.language ? resolveLanguage(o.language).language : (plan.meta?.language ?? 'en')) === 'en';
  const goalWords = new Set(o.goal ? contentWords(o.goal).map(normalizeText) : []);

  for (const t of textsOf(plan)) {
    if (PLACEHOLDER.test(t.text) || (/title$/.test(t.path) && EMPTY_VALUE.test(t.text)))
      problems.push(`${t.path}: template placeholder in "${t.text.slice(0, 80)}"`);
    if (/^modules\[\d+\]\.title$/.test(t.path) && CORE_RESIDUE.test(t.text)) problems.push(`${t.path}: template residue "${t.text}"`);
    if (WORD_LIST.test(t.text) && !/\.url$/.test(t.path))
      problems.push(`${t.path}: a list of loose words ("${WORD_LIST.exec(t.text)![0]}")`);
    const doubled = DOUBLED.exec(t.text);
    if (doubled && !LEGIT_DOUBLES.has(doubled[0].toLowerCase())) problems.push(`${t.path}: doubled word "${doubled[0]}"`);
    if (english && !/\.checkpoint\.questions/.test(t.path)) problems.push(...articleProblems(t));
    if (goalWords.size) problems.push(...goalWordProblems(t, goalWords, /\.topics\[\d+\]$|^modules\[\d+\]\.title$/.test(t.path)));
  }

  problems.push(...checkBudget(plan, o.budgetMinutes));

  let lastWeek = 0;
  plan.modules.forEach((m, i) =>
    m.lessons.forEach((l, j) => {
      if (l.week === undefined) problems.push(`modules[${i}].lessons[${j}]: no week`);
      else {
        if (l.week < lastWeek) problems.push(`modules[${i}].lessons[${j}]: week ${l.week} comes after week ${lastWeek}`);
        lastWeek = Math.max(lastWeek, l.week);
      }
    }),
  );

  const allPositions: number[] = [];
  plan.modules.forEach((m, i) => {
    if (m.checkpoint.type !== 'quiz') return;
    const objectives = new Set(m.lessons.flatMap((l) => l.objectives));
    const positions = m.checkpoint.questions.map((q) => q.answerIndex);
    allPositions.push(...positions);
    const spread = positionProblem(positions);
    if (spread) problems.push(`modules[${i}].checkpoint: ${spread}`);
    m.checkpoint.questions.forEach((q, k) => {
      if (!q.objective) problems.push(`modules[${i}].checkpoint.questions[${k}]: not tied to an objective`);
      else if (!objectives.has(q.objective))
        problems.push(
          `modules[${i}].checkpoint.questions[${k}]: objective "${q.objective.slice(0, 60)}" is not one of the module's lesson objectives`,
        );
    });
  });
  const spread = positionProblem(allPositions);
  if (spread) problems.push(`plan quizzes: ${spread}`);
  return problems;
}

/** With 4 questions or more, no answer position holds more than half of the right answers. */
function positionProblem(positions: number[]): string | null {
  if (positions.length < 4) return null;
  const counts = new Map<number, number>();
  for (const p of positions) counts.set(p, (counts.get(p) ?? 0) + 1);
  const [pos, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return n / positions.length > 0.5 ? `${n} of ${positions.length} right answers are at position ${pos + 1}` : null;
}
