// The subject atlas: data (subjects/), its schema, loading and lookup, and goal matching.
export { atlasSubject, buildAtlas, defaultAtlas, rawAtlasSubjects, topoOrder, type TAtlas } from './load-atlas';
export { buildMatcher, contentWords, inferShape, normalizeText, type TGoalMatch, type TGoalMatcher } from './match-goal';
