import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toModule, toStrictJsonSchema, ZModelModule, ZModelOutline, type TModelModule } from '@/lib/curriculum/model-schemas';

function objects(node: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => objects(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.properties) out.push(o);
    Object.values(o).forEach((v) => objects(v, out));
  }
  return out;
}

describe('strict JSON schemas for the model', () => {
  it.each([
    ['outline', ZModelOutline],
    ['module', ZModelModule],
  ])('the %s schema: every property required, no additional properties, only keywords strict mode accepts', (_name, schema) => {
    const json = toStrictJsonSchema(schema);
    const all = objects(json);
    expect(all.length).toBeGreaterThan(1);
    for (const o of all) {
      expect(o.additionalProperties).toBe(false);
      expect([...(o.required as string[])].sort()).toEqual(Object.keys(o.properties as object).sort());
    }
    const text = JSON.stringify(json);
    for (const keyword of ['"$schema"', '"minLength"', '"maxLength"', '"oneOf"', '9007199254740991']) expect(text).not.toContain(keyword);
  });

  it('refuses a schema with an optional property (strict mode would reject it at the API)', () => {
    expect(() => toStrictJsonSchema(z.object({ a: z.string(), b: z.object({ c: z.string().optional() }) }))).toThrow(
      /\.b has optional properties c/,
    );
  });
});

describe('toModule', () => {
  const answer: TModelModule = {
    title: 'Joins',
    summary: 'Combine tables.',
    topics: ['joins'],
    lessons: [
      {
        title: 'Inner joins',
        kind: 'read',
        objectives: ['Write an inner join'],
        minutes: 40,
        resources: [
          { title: 'PostgreSQL docs', url: 'https://www.postgresql.org/docs/', type: 'docs' },
          { title: 'Local file', url: 'file:///etc/passwd', type: 'article' },
        ],
      },
    ],
    checkpoint: {
      type: 'quiz',
      questions: [0, 1, 2].map((i) => ({
        question: `Question ${i}?`,
        choices: ['a', 'b', 'c'],
        answerIndex: i,
        explanation: 'Because.',
        objective: 'Write an inner join',
      })),
      brief: null,
      acceptanceCriteria: null,
    },
  };

  it('builds the stored shape: question ids m<module>-q<n>, non-web links replaced by a search', () => {
    const r = toModule(answer, 3);
    if (!r.ok) throw new Error(r.problems.join());
    expect(r.module.checkpoint.type === 'quiz' && r.module.checkpoint.questions.map((q) => q.id)).toEqual(['m3-q1', 'm3-q2', 'm3-q3']);
    expect(r.module.lessons[0].resources).toEqual([
      { title: 'PostgreSQL docs', url: 'https://www.postgresql.org/docs/', type: 'docs' },
      { title: 'Search: Local file', url: 'https://duckduckgo.com/?q=Local%20file', type: 'article' },
    ]);
  });

  it('names what is wrong with a checkpoint that does not hold together', () => {
    const bad = { ...answer, checkpoint: { ...answer.checkpoint, questions: [{ ...answer.checkpoint.questions![0], answerIndex: 4 }] } };
    const r = toModule(bad, 1);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toEqual([
      'checkpoint.questions: a quiz needs 3 to 6 questions.',
      'checkpoint.questions[0].answerIndex must point at one of its choices.',
    ]);
    const project = toModule({ ...answer, checkpoint: { type: 'project', questions: null, brief: null, acceptanceCriteria: [] } }, 1);
    expect(!project.ok && project.problems).toHaveLength(2);
  });
});
