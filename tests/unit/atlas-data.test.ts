import { describe, expect, it } from 'vitest';
import { rawAtlasSubjects } from '@/lib/curriculum/atlas/index';
import { ZAtlasSubject, type TAtlasSubject } from '@/lib/curriculum/atlas/schema';

// Every atlas data file is reviewed like code: this test is its compiler.

const parsed: TAtlasSubject[] = rawAtlasSubjects.map((raw, i) => {
  const r = ZAtlasSubject.safeParse(raw);
  if (!r.success) {
    const id = (raw as { id?: string })?.id ?? `#${i}`;
    throw new Error(`atlas subject ${id}: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
  }
  return r.data;
});

function cycle(s: TAtlasSubject): string | null {
  const byId = new Map(s.topics.map((t) => [t.id, t]));
  const state = new Map<string, 1 | 2>();
  const visit = (id: string, path: string[]): string | null => {
    if (state.get(id) === 2) return null;
    if (state.get(id) === 1) return [...path, id].join(' → ');
    state.set(id, 1);
    for (const p of byId.get(id)?.prereqs ?? []) {
      const found = visit(p, [...path, id]);
      if (found) return found;
    }
    state.set(id, 2);
    return null;
  };
  for (const t of s.topics) {
    const found = visit(t.id, []);
    if (found) return found;
  }
  return null;
}

describe('subject atlas data', () => {
  it('every subject file parses against ZAtlasSubject', () => {
    expect(parsed.length).toBe(rawAtlasSubjects.length);
  });

  it('subject ids are unique and no alias names two subjects', () => {
    const ids = parsed.map((s) => s.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const s of parsed)
      for (const a of new Set(s.aliases)) {
        const prev = owner.get(a);
        if (prev && prev !== s.id) clashes.push(`"${a}": ${prev} and ${s.id}`);
        owner.set(a, s.id);
      }
    expect(clashes).toEqual([]);
  });

  it.each(parsed.map((s) => [s.id, s] as const))('%s: topics, prerequisites, objectives and questions hold together', (_id, s) => {
    const topicIds = s.topics.map((t) => t.id);
    expect(
      topicIds.filter((id, i) => topicIds.indexOf(id) !== i),
      'duplicate topic ids',
    ).toEqual([]);
    const problems: string[] = [];
    for (const t of s.topics) {
      for (const p of t.prereqs) if (!topicIds.includes(p) || p === t.id) problems.push(`${t.id}: unknown prerequisite ${p}`);
      const objIds = t.objectives.map((o) => o.id);
      if (new Set(objIds).size !== objIds.length) problems.push(`${t.id}: duplicate objective ids`);
      const qIds = t.questions.map((q) => q.id);
      if (new Set(qIds).size !== qIds.length) problems.push(`${t.id}: duplicate question ids`);
      for (const q of t.questions)
        if (!objIds.includes(q.objective)) problems.push(`${t.id}/${q.id}: tests unknown objective ${q.objective}`);
      // Each objective is tested by at least one question, so mastery can be measured for it.
      for (const o of objIds) if (!t.questions.some((q) => q.objective === o)) problems.push(`${t.id}: objective ${o} has no question`);
    }
    expect(problems).toEqual([]);
    expect(cycle(s), 'prerequisite cycle').toBeNull();
    // Some topic is open to a beginner with no prerequisites, so every plan has a start.
    expect(s.topics.some((t) => t.prereqs.length === 0)).toBe(true);
  });

  it.each(parsed.map((s) => [s.id, s] as const))('%s: right answers are spread over the four positions', (_id, s) => {
    const counts = [0, 0, 0, 0];
    for (const t of s.topics) for (const q of t.questions) counts[q.answer]++;
    const total = counts.reduce((a, b) => a + b, 0);
    // No position holds more than 40 % of the answers, and none is never used.
    expect(Math.max(...counts) / total).toBeLessThanOrEqual(0.4);
    expect(Math.min(...counts)).toBeGreaterThan(0);
  });

  it.each(parsed.map((s) => [s.id, s] as const))('%s: translations are not copies of the English', (_id, s) => {
    const texts = s.topics.flatMap((t) => [t.name, t.practice, ...t.objectives]);
    const copied = texts.filter((x) => x.en === x.de && x.en === x.es && x.en.split(' ').length > 2);
    expect(copied.map((x) => x.en)).toEqual([]);
  });
});
