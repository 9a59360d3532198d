import { describe, expect, it } from 'vitest';
import { buildAtlas } from '@/lib/curriculum/atlas';
import { indefiniteArticle, plural } from '@/lib/curriculum/planner/english';
import { resolveLanguage } from '@/lib/curriculum/planner/language';
import { lintPlan } from '@/lib/curriculum/lint-plan';
import { extendPlanOffline, originalGoal, planSoFar, regenerateModuleOffline, titleWithoutWeeks } from '@/lib/curriculum/plan-change';
import { goalSubject, planOffline, split } from '@/lib/curriculum/plan-offline';
import {
  budgetMinutes,
  checkBudget,
  curriculumMinutes,
  ZCurriculum,
  ZCurriculumRequest,
  type TCurriculum,
  type TCurriculumRequestInput,
} from '@/lib/curriculum/schemas';

// The planner's mechanics with a small fixture atlas (the real atlas is tested in planner-sample.test.ts).

const topic = (id: string, level: 'beginner' | 'intermediate' | 'advanced', prereqs: string[], knownBy: string[] = []) => ({
  id,
  name: { en: `Topic ${id}`, de: `Thema ${id}`, es: `Tema ${id}` },
  level,
  hours: { beginner: 6, intermediate: 4, advanced: 2 },
  prereqs,
  concepts: [`${id} concept one`, `${id} concept two`],
  objectives: ['first', 'second'].map((o) => ({
    id: o,
    en: `Do the ${o} thing of ${id}`,
    de: `Das ${o}e von ${id} tun`,
    es: `Hacer lo ${o} de ${id}`,
  })),
  practice: {
    en: `Practise ${id} on a small example`,
    de: `${id} an einem kleinen Beispiel üben`,
    es: `Practicar ${id} con un ejemplo pequeño`,
  },
  knownBy,
  questions: ['q1', 'q2', 'q3'].map((q, i) => ({
    id: q,
    objective: i === 2 ? 'second' : 'first',
    prompt: `Question ${q} about ${id}?`,
    options: ['right answer', 'wrong one', 'wrong two', 'wrong three'],
    answer: 0,
    explanation: `Because ${id} says so.`,
  })),
});
const fixture = buildAtlas([
  {
    id: 'widgets',
    name: { en: 'Widget making', de: 'Widgetbau', es: 'Fabricación de widgets' },
    domain: 'programming',
    shape: 'programming',
    aliases: ['widgets', 'widget making', 'widgetbau', 'widgets bauen'],
    resources: [
      { title: 'Widget docs', url: 'https://widgets.example.org/', kind: 'docs' },
      { title: 'Widget guide', url: 'https://guide.example.org/', kind: 'course' },
    ],
    // Listed out of order on purpose: the planner orders by prerequisites.
    topics: [
      topic('charlie', 'intermediate', ['bravo']),
      topic('alpha', 'beginner', [], ['widget basics']),
      topic('bravo', 'beginner', ['alpha']),
      topic('delta', 'intermediate', ['charlie']),
      topic('echo', 'advanced', ['delta']),
    ],
  },
]);

const today = new Date('2026-11-25T09:00:00Z');
const req = (o: Partial<TCurriculumRequestInput> = {}) =>
  ZCurriculumRequest.parse({
    goal: 'Learn widget making',
    level: 'beginner',
    hoursPerWeek: 6,
    weeks: 8,
    materials: ['reading', 'video', 'practice', 'projects'],
    ...o,
  });
const plan = (o: Partial<TCurriculumRequestInput> = {}) => planOffline(req(o), today, fixture);
const lessons = (p: TCurriculum) => p.modules.flatMap((m) => m.lessons);

describe('planOffline', () => {
  const cases: Partial<TCurriculumRequestInput>[] = [
    { hoursPerWeek: 1, weeks: 1 },
    { hoursPerWeek: 2.5, weeks: 3 },
    { hoursPerWeek: 6, weeks: 8 },
    { hoursPerWeek: 20, weeks: 12 },
    { hoursPerWeek: 60, weeks: 52 },
    { hoursPerWeek: 7, timeframe: 'date', weeks: undefined, targetDate: '2027-02-17' },
    { hoursPerWeek: 60, weeks: 52, goal: 'Learn the violin' },
    { hoursPerWeek: 1, weeks: 52, goal: 'Train for a marathon' },
    { hoursPerWeek: 40, weeks: 30, goal: 'Pass the bar exam' },
  ];

  it.each(cases)('fits the time budget within ±10%, parses and lints clean: %o', (o) => {
    const r = req(o);
    const p = planOffline(r, today, fixture);
    const budget = budgetMinutes(r, today);
    expect(ZCurriculum.safeParse(p).success).toBe(true);
    expect(Math.abs(curriculumMinutes(p) - budget)).toBeLessThanOrEqual(budget * 0.1);
    expect(checkBudget(p, budget)).toEqual([]);
    expect(lintPlan(p, { budgetMinutes: budget, goal: r.goal, language: r.language })).toEqual([]);
  });

  it('orders topics by prerequisites and says what it matched', () => {
    const p = plan();
    expect(p.meta).toMatchObject({
      generator: 'offline',
      shape: 'programming',
      subject: { id: 'widgets', name: 'Widget making' },
      language: 'en',
    });
    const order = [...new Set(p.modules.flatMap((m) => m.topics))];
    expect(order).toEqual(['Topic alpha', 'Topic bravo', 'Topic charlie', 'Topic delta', 'Topic echo']);
  });

  it('goes concept → guided practice → project in a topic, and ends with a capstone project', () => {
    const p = plan({ hoursPerWeek: 6, weeks: 10 });
    const titles = lessons(p).map((l) => l.title);
    const a = titles.filter((t) => t.startsWith('Topic alpha:'));
    expect(a[0]).toBe('Topic alpha: concepts');
    expect(a.at(-1)).toBe('Topic alpha: mini-project');
    expect(titles.at(-1)).toBe('Capstone project: build, test and present');
    expect(p.modules.at(-1)!.checkpoint.type).toBe('project');
  });

  it('quizzes from the bank: ids, objectives used in the module, spread answer positions', () => {
    const p = plan({ weeks: 10 });
    const quizzes = p.modules.flatMap((m) => (m.checkpoint.type === 'quiz' ? [{ m, q: m.checkpoint.questions }] : []));
    expect(quizzes.length).toBeGreaterThan(0);
    for (const { m, q } of quizzes) {
      const objectives = new Set(m.lessons.flatMap((l) => l.objectives));
      for (const x of q) {
        expect(x.id).toMatch(/^widgets\/(alpha|bravo|charlie|delta|echo)\/q[1-3]$/);
        expect(objectives.has(x.objective!)).toBe(true);
        expect(x.choices[x.answerIndex]).toBe('right answer');
      }
    }
    // The bank has every answer first; the stored plan does not.
    const positions = quizzes.flatMap(({ q }) => q.map((x) => x.answerIndex));
    expect(new Set(positions).size).toBe(4);
  });

  it('every lesson carries its week, in order, within the plan', () => {
    const p = plan({ weeks: 9 });
    const weeks = lessons(p).map((l) => l.week!);
    expect(weeks.every((w) => w >= 1 && w <= 9)).toBe(true);
    expect(weeks).toEqual([...weeks].sort((x, y) => x - y));
    expect(new Set(weeks).size).toBe(9);
  });

  it('level skips topics below it; background skips known ones and says so', () => {
    expect(plan({ level: 'intermediate' }).modules[0].topics[0]).toBe('Topic charlie');
    const known = plan({ background: 'I know widget basics already' });
    expect(known.modules.flatMap((m) => m.topics)).not.toContain('Topic alpha');
    expect(known.prerequisites.join(' ')).toMatch(/Skipped because you know them: Topic alpha/);
  });

  it('writes German and Spanish, and English with a flag for other languages', () => {
    const de = plan({ language: 'Deutsch' });
    expect(de.modules[0].title).toBe('Thema alpha');
    expect(de.meta?.warnings).toContain('Die Quizfragen sind auf Englisch.');
    expect(plan({ language: 'es' }).modules[0].lessons[0].title).toBe('Tema alpha: conceptos');
    const fr = plan({ language: 'français' });
    expect(fr.meta).toMatchObject({ language: 'en', languageFallback: true });
    expect(fr.meta?.warnings?.[0]).toMatch(/cannot write français/);
  });

  it('uses only the kinds of material the learner picked', () => {
    expect(new Set(lessons(plan({ materials: ['video'] })).map((l) => l.kind))).toEqual(new Set(['watch']));
  });

  it('is deterministic: the same request and day give the same plan', () => {
    expect(plan()).toEqual(plan());
    expect(plan()).not.toEqual(plan({ goal: 'Learn the violin' }));
  });

  it('outside the atlas: the shape from the goal, no subject, labelled search links, project checkpoints', () => {
    const p = plan({ goal: 'Learn to play the violin' });
    expect(p.meta).toMatchObject({ shape: 'instrument', subject: null });
    expect(p.meta?.warnings).toContain('Topics were not tailored to this subject; links are searches.');
    for (const l of lessons(p)) for (const r of l.resources) expect(r.title).toMatch(/^(Video search|Search) \(not a curated link\): /);
    const q = decodeURIComponent(lessons(p)[0].resources[0].url.split('q=')[1]);
    expect(q.split(' ').length).toBe(new Set(q.toLowerCase().split(' ')).size); // no doubled search text
    expect(p.modules.every((m) => m.checkpoint.type === 'project')).toBe(true);
  });

  it('module hours match their lessons', () => {
    for (const m of plan({ hoursPerWeek: 9, weeks: 5 }).modules) {
      expect(m.estimatedHours * 60).toBeCloseTo(
        m.lessons.reduce((s, l) => s + l.estimatedMinutes, 0),
        0,
      );
    }
  });
});

describe('Regenerate and Extend, offline', () => {
  it('a regenerated module is a fresh take on the same topics, in the same weeks', () => {
    const p = plan({ weeks: 10 });
    const i = 1;
    const old = p.modules[i];
    const weeks = old.lessons.map((l) => l.week!);
    const minutes = old.lessons.reduce((s, l) => s + l.estimatedMinutes, 0);
    const r = req({ goal: `${old.title} (${old.topics.join(', ')}), part of: Learn widget making` });
    const fresh = regenerateModuleOffline(
      r,
      planSoFar(p),
      { index: i, budgetMinutes: minutes, weeks: Math.max(...weeks) - Math.min(...weeks) + 1, firstWeek: Math.min(...weeks) },
      fixture,
    );
    expect(fresh.modules).toHaveLength(1);
    const m = fresh.modules[0];
    expect(m.topics).toEqual(old.topics);
    expect(m.lessons.map((l) => l.objectives)).not.toEqual(old.lessons.map((l) => l.objectives));
    expect(new Set(m.lessons.map((l) => l.week))).toEqual(new Set(weeks));
    expect(Math.abs(m.lessons.reduce((s, l) => s + l.estimatedMinutes, 0) - minutes)).toBeLessThanOrEqual(minutes * 0.1);
    expect(JSON.stringify(m)).not.toMatch(/part o\b|Foundations of|Core /);
  });

  it('Extend continues the topic graph after the plan, with weeks following it, then goes deeper', () => {
    const short = plan({ weeks: 2, hoursPerWeek: 4 });
    const covered = new Set(short.modules.flatMap((m) => m.topics));
    const r = req({ goal: `Go further after: ${short.title}. Learn widget making`, level: 'advanced' });
    const next = extendPlanOffline(r, planSoFar(short), { budgetMinutes: 3 * 4 * 60, weeks: 3, firstWeek: 3 }, fixture);
    const topics = next.modules.flatMap((m) => m.topics);
    expect(topics.some((t) => covered.has(t))).toBe(false);
    expect(topics[0]).toBe('Topic charlie');
    expect(lessons(next).map((l) => l.week)).toEqual(expect.arrayContaining([3, 4, 5]));
    expect(Math.min(...lessons(next).map((l) => l.week!))).toBe(3);
    const all = plan({ weeks: 10 });
    const deeper = extendPlanOffline(r, planSoFar(all), { budgetMinutes: 2 * 6 * 60, weeks: 2, firstWeek: 11 }, fixture);
    expect(deeper.modules[0].title).toMatch(/^Deeper practice: /);
    expect(JSON.stringify(deeper)).not.toMatch(/Extension: Core|Go further after/);
  });

  it('recovers the learner’s goal from the requests Regenerate and Extend build', () => {
    expect(originalGoal('Basics (A, B), part of: Learn Go')).toBe('Learn Go');
    expect(originalGoal('Go further after: Go in 10 weeks. Learn enough Go', { title: 'Go in 10 weeks' })).toBe('Learn enough Go');
    expect(titleWithoutWeeks('Go in 10 weeks')).toBe('Go');
    expect(titleWithoutWeeks('Python: Course with a project')).toBe('Python: Course with a project');
  });
});

describe('English by construction', () => {
  it.each([
    ['intermediate', 'an'],
    ['beginner', 'a'],
    ['8-week', 'an'],
    ['11-week', 'an'],
    ['12-week', 'a'],
    ['hour', 'an'],
    ['university', 'a'],
    ['one-week', 'a'],
    ['SQL', 'an'],
    ['URL', 'a'],
    ['f-string', 'an'],
    ['u-turn', 'a'],
  ])('%s takes "%s"', (word, article) => expect(indefiniteArticle(word)).toBe(article));

  it('plurals follow the count', () => {
    expect([plural(1, 'session'), plural(3, 'session')]).toEqual(['1 session', '3 sessions']);
  });

  it('maps the request language to en/de/es', () => {
    expect(['German', 'Deutsch', 'de-AT', 'alemán'].map((l) => resolveLanguage(l).language)).toEqual(['de', 'de', 'de', 'de']);
    expect(resolveLanguage('Klingon')).toMatchObject({ language: 'en', fallback: true });
  });
});

describe('split', () => {
  it('splits into integers that sum exactly', () => {
    expect(split(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(split(7, [1, 2]).reduce((a, b) => a + b)).toBe(7);
  });
});

describe('goalSubject (the experts link)', () => {
  it.each([
    ['Get job-ready in SQL', 'SQL'],
    ['Learn Rust for systems programming', 'Rust'],
    ['Pass the B2 German exam', 'B2 German exam'],
    ['master statistics', 'statistics'],
  ])('%s → %s', (goal, subject) => expect(goalSubject(goal)).toBe(subject));
});

describe('mergeRegeneratedModule', () => {
  it('keeps lessons with progress (ids and order) and fills the rest of the module time with fresh lessons', async () => {
    const { mergeRegeneratedModule } = await import('@/lib/curriculum/merge-module');
    const { withIds } = await import('@/lib/curriculum/assign-ids');
    let n = 0;
    const id = () => `id-${n++}`;
    const p = plan({ hoursPerWeek: 10, weeks: 4 });
    const old = withIds(p.modules[1], id);
    const fresh = plan({ goal: 'Learn to play the violin', hoursPerWeek: 3, weeks: 1 }).modules[0];
    const keep = new Set([old.lessons[1].id]);
    const merged = mergeRegeneratedModule(old, fresh, keep, id);
    expect(merged.id).toBe(old.id);
    expect(merged.lessons[0]).toEqual(old.lessons[1]);
    expect(merged.lessons.slice(1).every((l) => !old.lessons.some((o) => o.id === l.id))).toBe(true);
    const minutes = (m: { lessons: { estimatedMinutes: number }[] }) => m.lessons.reduce((s, l) => s + l.estimatedMinutes, 0);
    expect(Math.abs(minutes(merged) - minutes(old))).toBeLessThanOrEqual(minutes(old) * 0.1);
    expect(merged.estimatedHours * 60).toBeCloseTo(minutes(merged), 0);
  });
});
