import { subjects as a } from './subjects/index-a';
import { subjects as b } from './subjects/index-b';
import { subjects as core } from './subjects/index-core';
import { buildMatcher, type TGoalMatcher } from './match-goal';
import { ZAtlasSubject, type TAtlasSubject, type TAtlasTopic } from './schema';

/** Every atlas subject file, unvalidated (validated once by `defaultAtlas()`, and per file by tests/unit/atlas-data.test.ts). */
export const rawAtlasSubjects: unknown[] = [...core, ...a, ...b];

export type TAtlas = {
  subjects: readonly TAtlasSubject[];
  byId: ReadonlyMap<string, TAtlasSubject>;
  matcher: TGoalMatcher;
};

/** An atlas over the given subjects (validated): the planner's tests build one from fixtures. */
export function buildAtlas(raw: readonly unknown[]): TAtlas {
  const subjects = raw.map((r) => ZAtlasSubject.parse(r));
  return { subjects, byId: new Map(subjects.map((s) => [s.id, s])), matcher: buildMatcher(subjects) };
}

let cached: TAtlas | null = null;

/** The repository's atlas, validated and indexed on first use (a few milliseconds), then kept. */
export function defaultAtlas(): TAtlas {
  cached ??= buildAtlas(rawAtlasSubjects);
  return cached;
}

export const atlasSubject = (id: string, atlas: TAtlas = defaultAtlas()) => atlas.byId.get(id) ?? null;

/**
 * Topics in an order that respects prerequisites (Kahn's algorithm); among topics that are ready at the
 * same time the file's order wins, so the authors' intended sequence is kept where the graph allows it.
 */
export function topoOrder(topics: readonly TAtlasTopic[]): TAtlasTopic[] {
  const position = new Map(topics.map((t, i) => [t.id, i]));
  const pending = new Map(topics.map((t) => [t.id, t.prereqs.filter((p) => position.has(p) && p !== t.id).length]));
  const out: TAtlasTopic[] = [];
  const done = new Set<string>();
  while (out.length < topics.length) {
    const next = topics.find((t) => !done.has(t.id) && pending.get(t.id) === 0) ?? topics.find((t) => !done.has(t.id))!; // a cycle (tests refuse them): keep file order
    done.add(next.id);
    out.push(next);
    for (const t of topics) if (t.prereqs.includes(next.id)) pending.set(t.id, (pending.get(t.id) ?? 1) - 1);
  }
  return out;
}
