import { describe, expect, it } from 'vitest';
import { buildMatcher, defaultAtlas, inferShape } from '@/lib/curriculum/atlas';
import type { TAtlasSubject } from '@/lib/curriculum/atlas/schema';

// Goal → subject and shape: ranked MiniSearch matching over aliases and names, with a threshold (every word
// of an alias) so goals outside the atlas stay unmatched.

const subject = (id: string, aliases: string[], shape: TAtlasSubject['shape'] = 'programming') =>
  ({ id, name: { en: id, de: id, es: id }, shape, aliases, topics: [] }) as unknown as TAtlasSubject;
const fixture = buildMatcher([
  subject('go', ['golang', 'learn go', 'go programming']),
  subject('java', ['java', 'learn java']),
  subject('javascript', ['javascript', 'js']),
  subject('german', ['german', 'deutsch', 'alemán', 'testdaf'], 'language'),
  subject('kubernetes-cka', ['kubernetes', 'cka'], 'exam'),
]);
const id = (goal: string, m = fixture) => m.match(goal)?.subject.id ?? null;

describe('matching a goal to a subject (fixture)', () => {
  it.each([
    ['Learn Go', 'go'],
    ['I want to go running', null],
    ['Learn Java', 'java'],
    ['Learn JavaScript', 'javascript'],
    ['Aprender alemán', 'german'],
    ['Deutsch für den Beruf', 'german'],
    ['Pass my driving theory test', null],
    ['Kubernets certification', 'kubernetes-cka'],
    ['Japanisch lernen', null],
  ])('%s → %s', (goal, expected) => expect(id(goal)).toBe(expected));

  it('ranks by words matched, then score, and gives the score', () => {
    const ranked = fixture.rank('Learn Go and Java');
    expect(ranked[0].subject.id).toBe('go');
    expect(ranked.map((r) => r.subject.id)).toContain('java');
    expect(ranked[0].score).toBeGreaterThan(0);
  });
});

describe('the shape of a goal outside the atlas', () => {
  it.each([
    ['Learn to play the violin', 'instrument'],
    ['Learn Portuguese for a move to Lisbon', 'language'],
    ['Renovate my bathroom', 'project'],
    ['Get better at time management', 'soft-skill'],
    ['Train for a century bike ride', 'training'],
    ['Pass my driving theory test', 'exam'],
    ['Learn Kotlin for Android apps', 'programming'],
    ['Sauerteigbrot backen lernen', 'project'],
    ['Aprender a tejer a crochet', 'instrument'],
    ['Something else entirely', 'programming'],
  ])('%s → %s', (goal, shape) => expect(inferShape(goal)).toBe(shape));
});

describe('matching against the atlas', () => {
  const atlas = defaultAtlas();
  it.each([
    ['Run a half marathon under 2 hours', 'running'],
    ['Pass the AWS Solutions Architect Associate', 'aws-solutions-architect-associate'],
    ['Aprender alemán', 'german'],
    ['Ich möchte Gitarre spielen lernen', 'guitar'],
    ['Learn Go for backend services', 'go'],
    ['I want to go hiking in the Alps', null],
    ['Learn to knit a scarf', null],
  ])('%s → %s', (goal, expected) => expect(id(goal, atlas.matcher)).toBe(expected));

  it('"Learn to bake sourdough" matches nothing, or cooking', () => {
    expect([null, 'cooking']).toContain(id('Learn to bake sourdough', atlas.matcher));
  });
});
