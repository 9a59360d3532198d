import MiniSearch from 'minisearch';
import type { TAtlasSubject, TGoalShape } from './schema';

// Goal text → atlas subject and plan shape, by a ranked fuzzy/full-text match (MiniSearch: its tokenizer,
// BM25 ranking, prefix and fuzzy search). A subject matches only when one of its aliases (or names) is
// matched as a whole — every word of "aws solutions architect associate", not just "associate" — so an
// unrelated goal stays unmatched instead of landing on the nearest subject.

/** Lower case without accents: "Alemán" → "aleman", "Prüfung" → "prufung". */
export const normalizeText = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

// Words that say how someone wants to learn, not what (for the goal's content words: search links, the linter).
const STOP_WORDS = new Set(
  normalizeText(
    `a an the and or of to in on for with into at by from as my me i i'm im want would like be get become how my your
     learn learning study studying master improve understand start begin basics basic good better best really
     finally some more about this that it is are can could should will need able
     ich mochte will lernen studieren verbessern verstehen die der das den dem ein eine einen und oder mit fur zu zum zur im in auf von
     schon kann gut besser endlich mein meine
     yo quiero aprender estudiar mejorar entender el la los las un una unos y o con para de del al en mi mis por como ya se bien mejor`,
  ).split(/\s+/),
);

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];
// Aliases are indexed with every word ("learn go", "learn to sing"): a match needs all of an alias's words, so
// "learn go" matches "Learn Go" but not "go running". Stop words only matter for the goal's own content words.
const processTerm = (term: string): string | null => normalizeText(term) || null;
const termsOf = (text: string) =>
  new Set(
    tokenize(text)
      .map(processTerm)
      .filter((t): t is string => t !== null),
  );
const isStopWord = (term: string) => {
  const t = normalizeText(term);
  return t.length < 2 || STOP_WORDS.has(t);
};

// Candidates: prefix search from 4 letters, one-edit fuzzy from 6; `named` below decides which count.
const SEARCH = {
  prefix: (term: string) => term.length >= 4,
  // One edit, from 6 letters: `named` accepts a typo only in alias words of 7 letters or more anyway.
  fuzzy: (term: string) => (term.length >= 6 ? 1 : false),
  maxFuzzy: 1,
  combineWith: 'OR' as const,
};

type TAliasDoc = { id: number; key: string; text: string; size: number };

/** Edit distance, for the one typo a long word may carry ("kubernets"); MiniSearch's fuzzy search finds the candidates. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/**
 * Whether an alias word was really named by one of the goal's words: exactly, as a prefix covering most of it
 * ("kubern" → "kubernetes", but not "test" → "testdaf"), or with one typo in a word of 7 letters or more
 * (but not "japanisch" → "spanisch").
 */
const named = (docTerm: string, queryTerms: Set<string>) =>
  [...queryTerms].some(
    (q) =>
      q === docTerm ||
      (q.length >= 4 && docTerm.startsWith(q) && q.length >= docTerm.length * 0.6) ||
      (docTerm.length >= 7 && editDistance(q, docTerm) <= 1),
  );

/** Documents whose words all matched the query, best first: more words matched, then BM25 score. */
function wholeMatches(index: MiniSearch<TAliasDoc>, query: string): { key: string; score: number; words: number; text: string }[] {
  const queryTerms = termsOf(query);
  const best = new Map<string, { key: string; score: number; words: number; text: string }>();
  for (const r of index.search(query, SEARCH)) {
    const size = r.size as number;
    if (r.terms.length < size) continue; // part of a phrase is not the phrase
    if (!r.terms.every((t) => named(t, queryTerms))) continue;
    const key = r.key as string;
    const prev = best.get(key);
    if (!prev || size > prev.words || (size === prev.words && r.score > prev.score))
      best.set(key, { key, score: r.score, words: size, text: r.text as string });
  }
  return [...best.values()].sort((x, y) => y.words - x.words || y.score - x.score || x.key.localeCompare(y.key));
}

function aliasIndex(entries: { key: string; text: string }[]): MiniSearch<TAliasDoc> {
  const index = new MiniSearch<TAliasDoc>({ fields: ['text'], storeFields: ['key', 'size', 'text'], processTerm });
  index.addAll(entries.map((e, id) => ({ id, key: e.key, text: e.text, size: termsOf(e.text).size })).filter((d) => d.size > 0));
  return index;
}

export type TGoalMatch = { subject: TAtlasSubject; score: number; alias: string };
export type TGoalMatcher = {
  /** Subjects whose alias or name the goal contains as a whole, best first (more words matched, then BM25 score). */
  rank(goal: string): TGoalMatch[];
  /** The best subject, or null when no alias matched as a whole (the threshold: a goal outside the atlas). */
  match(goal: string): TGoalMatch | null;
  /** The goal's shape: the matched subject's, else the shape whose keywords the goal names most, else 'programming'. */
  shape(goal: string): TGoalShape;
};

// A subject's name is matched as well as its aliases, unless it is one short word ("Go"): that is left to
// the aliases ("golang", "learn go"), so "go running" does not match the language.
const isDistinctive = (name: string) => termsOf(name).size > 1 || normalizeText(name).length >= 4;

export function buildMatcher(subjects: readonly TAtlasSubject[]): TGoalMatcher {
  const byId = new Map(subjects.map((s) => [s.id, s]));
  const index = aliasIndex(
    subjects.flatMap((s) =>
      [...new Set([...s.aliases, ...[s.name.en, s.name.de, s.name.es, s.id.replaceAll('-', ' ')].filter(isDistinctive)])].map((text) => ({
        key: s.id,
        text,
      })),
    ),
  );
  const rank = (goal: string) =>
    wholeMatches(index, goal).map((m) => ({ subject: byId.get(m.key)!, score: Math.round(m.score * 100) / 100, alias: m.text }));
  return {
    rank,
    match: (goal) => rank(goal)[0] ?? null,
    shape: (goal) => rank(goal)[0]?.subject.shape ?? inferShape(goal),
  };
}

// Shapes for goals outside the atlas, from the kind of words the goal uses (en/de/es).
const SHAPE_KEYWORDS: Record<TGoalShape, string> = {
  exam: `exam exams test certification certified certificate pass passing bar exam driving test theory test license licence
    prufung examen zertifikat zertifizierung bestehen fuhrerschein abitur aprobar certificacion certificado oposiciones selectividad licencia`,
  language: `language languages fluent fluency conversational vocabulary grammar accent portuguese russian korean arabic dutch swedish
    norwegian danish polish turkish greek hindi latin hebrew vietnamese thai indonesian esperanto sign language
    sprache sprachen sprechen fliessend wortschatz portugiesisch russisch koreanisch arabisch niederlandisch schwedisch polnisch turkisch griechisch
    idioma idiomas hablar fluidez vocabulario portugues ruso coreano arabe neerlandes sueco polaco turco griego`,
  instrument: `violin cello viola ukulele drums drum drumming flute saxophone sax trumpet trombone clarinet harmonica banjo harp accordion dj
    paint painting oil acrylic sketch sketching calligraphy lettering pottery ceramics sculpture illustration animation knitting crochet embroidery
    dance dancing ballet salsa tango choir
    geige schlagzeug flote trompete klarinette malen zeichnen topfern stricken hakeln tanzen
    violin bateria flauta trompeta clarinete pintar dibujar ceramica tejer bailar baile`,
  training: `run runner running marathon half-marathon ultramarathon triathlon ironman 5k 10k km cycling cyclist bike ride swim swimming hike hiking
    climb climbing bouldering pull-ups push-ups squat deadlift bench fitness stamina endurance mobility stretching flexibility splits rowing
    ski skiing surf surfing tennis golf football soccer basketball boxing martial karate judo lose weight
    laufen lauf radfahren rad wandern klettern schwimmen abnehmen ausdauer krafttraining
    correr carrera ciclismo bicicleta nadar natacion escalar senderismo resistencia maraton`,
  project: `build renovate renovation repair fix install garden gardening bake baking sourdough bread brew brewing sewing woodworking furniture
    shed deck tiling plumbing wiring restore restoration quilt homebrew
    bauen renovieren reparieren backen brot nahen garten heimwerken tischlern
    construir reparar renovar hornear pan coser huerto jardin bricolaje carpinteria`,
  'soft-skill': `leadership lead communication communicate confidence confident interview interviews presentation presenting storytelling networking
    time management productivity habits mindfulness meditation parenting conflict feedback empathy delegation delegate charisma assertiveness
    fuhrung kommunikation vorstellungsgesprach selbstvertrauen zeitmanagement prasentation
    liderazgo comunicacion entrevista entrevistas oratoria confianza productividad`,
  programming: `code coding programming programmer developer app apps website web api framework library scala kotlin swift php ruby elixir haskell
    flutter vue angular svelte django rails laravel blender figma unity unreal software tool tools database cloud devops security hacking
    programmieren entwickler programacion programar desarrollador`,
};

let shapeIndex: MiniSearch<TAliasDoc> | null = null;

/** Shape of a goal outside the atlas: a small MiniSearch index of keywords per shape; the shape with most matched keywords wins. */
export function inferShape(goal: string): TGoalShape {
  shapeIndex ??= aliasIndex(
    Object.entries(SHAPE_KEYWORDS).flatMap(([shape, words]) =>
      [...new Set(words.split(/\s+/).filter(Boolean))].map((text) => ({ key: shape, text })),
    ),
  );
  const totals = new Map<string, number>();
  for (const r of shapeIndex.search(goal, { ...SEARCH, fuzzy: false })) {
    if (r.terms.length < (r.size as number)) continue;
    totals.set(r.key as string, (totals.get(r.key as string) ?? 0) + 1 + r.score / 100);
  }
  const best = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return (best?.[0] as TGoalShape | undefined) ?? 'programming';
}

/** The goal's words that say what, not how ("Learn to bake sourdough bread" → bake, sourdough, bread), as written. */
export function contentWords(goal: string): string[] {
  const seen = new Set<string>();
  return tokenize(goal).filter((w) => {
    const t = normalizeText(w);
    if (!t || isStopWord(t) || seen.has(t)) return false;
    seen.add(t);
    return true;
  });
}
