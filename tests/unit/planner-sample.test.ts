import { describe, expect, it } from 'vitest';
import { defaultAtlas } from '@/lib/curriculum/atlas';
import { ATLAS_DOMAINS } from '@/lib/curriculum/atlas/schema';
import { lintPlan } from '@/lib/curriculum/lint-plan';
import { planOffline } from '@/lib/curriculum/plan-offline';
import { knownTopicIds } from '@/lib/curriculum/planner/choose-topics';
import { MESSAGES } from '@/lib/curriculum/planner/messages';
import { SAMPLE_GOALS } from '@/lib/curriculum/sample-goals';
import { budgetMinutes, ZCurriculum, ZCurriculumRequest, type TCurriculum, type TCurriculumRequestInput } from '@/lib/curriculum/schemas';

// The 40-goal sample of issue #14: every plan parses, passes the linter, matches its subject and shape,
// and shows what its shape promises.

const today = new Date('2026-11-25T09:00:00Z');
const atlas = defaultAtlas();
const plan = (r: TCurriculumRequestInput) => planOffline(ZCurriculumRequest.parse(r), today);
const lessons = (p: TCurriculum) => p.modules.flatMap((m) => m.lessons);
const allText = (p: TCurriculum) => JSON.stringify(p);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('the atlas', () => {
  it('has at least 60 subjects covering every domain', () => {
    expect(atlas.subjects.length).toBeGreaterThanOrEqual(60);
    const domains = new Set(atlas.subjects.map((s) => s.domain));
    expect(ATLAS_DOMAINS.filter((d) => !domains.has(d))).toEqual([]);
  });
});

describe('the sample of goals', () => {
  it('has at least 40 goals in three languages, inside and outside the atlas', () => {
    expect(SAMPLE_GOALS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(SAMPLE_GOALS.map((g) => g.language))).toEqual(new Set(['en', 'de', 'es']));
    expect(SAMPLE_GOALS.filter((g) => g.subject === null).length).toBeGreaterThanOrEqual(8);
  });

  describe.each(SAMPLE_GOALS.map((g) => [g.request.goal, g] as const))('%s', (_goal, g) => {
    const req = ZCurriculumRequest.parse(g.request);
    const p = planOffline(req, today);
    const m = MESSAGES[g.language];

    it('parses, and passes the linter', () => {
      expect(ZCurriculum.safeParse(p).success).toBe(true);
      expect(lintPlan(p, { budgetMinutes: budgetMinutes(req, today), goal: req.goal, language: req.language })).toEqual([]);
    });

    it('matches its subject and shape, in its language', () => {
      expect(p.meta?.subject?.id ?? null).toBe(g.subject);
      expect(p.meta?.shape).toBe(g.shape);
      expect(p.meta?.language).toBe(g.language);
      expect(p.meta?.languageFallback).toBe(!!g.fallback);
      // The planner's own sentences are the language's: the shape's description opens the summary.
      expect(p.summary).toContain(m.shapeFlow[g.shape]);
      if (g.fallback) expect(p.meta?.warnings?.join(' ')).toMatch(/cannot write/);
      if (g.language !== 'en' && p.modules.some((x) => x.checkpoint.type === 'quiz'))
        expect(p.meta?.warnings).toContain(m.warnings.questionsInEnglish);
    });

    if (g.subject) {
      const subject = atlas.byId.get(g.subject)!;
      it('names at least 5 of the subject’s real concepts, in its own topic names', () => {
        const text = allText(p);
        const concepts = [...new Set(subject.topics.flatMap((t) => t.concepts))].filter((c) => text.includes(c));
        expect(concepts.length).toBeGreaterThanOrEqual(5);
        const names = new Set(subject.topics.map((t) => t.name[g.language]));
        expect(
          p.modules.flatMap((x) => x.topics).every((t) => names.has(t) || [...names].some((n) => n.startsWith(t.replace(/…$/, '')))),
        ).toBe(true);
      });
      it('quizzes with atlas questions tied to the exact objective text its lessons use', () => {
        for (const x of p.modules) {
          if (x.checkpoint.type !== 'quiz') continue;
          for (const q of x.checkpoint.questions) {
            const [sid, tid, qid] = q.id!.split('/');
            expect(sid).toBe(subject.id);
            const topic = subject.topics.find((t) => t.id === tid)!;
            const source = topic.questions.find((s) => s.id === qid)!;
            expect(q.objective).toBe(topic.objectives.find((o) => o.id === source.objective)![g.language]);
            expect(q.choices[q.answerIndex]).toBe(source.options[source.answer]);
          }
        }
      });
    } else {
      it('says the topics were not tailored, uses labelled search links and no made-up questions', () => {
        expect(p.meta?.warnings).toContain(m.warnings.notTailored);
        expect(p.modules.every((x) => x.checkpoint.type === 'project')).toBe(true);
        for (const l of lessons(p))
          for (const r of l.resources)
            expect([m.search.reference(''), m.search.video('')].some((label) => r.title.startsWith(label.trim()))).toBe(true);
      });
    }

    it(`has the ${g.shape} shape's parts`, () => {
      const titles = lessons(p).map((l) => l.title);
      const last = lessons(p).at(-1)!;
      expect(last.title).toBe(m.final[g.shape].title);
      if (g.shape === 'exam') {
        expect(titles.some((t) => t === m.diagnostic.title)).toBe(true);
        expect(
          titles.filter((t) => t.startsWith(m.mock.title(0).replace(/ 0$/, '')) || t === m.final.exam.title).length,
        ).toBeGreaterThanOrEqual(2);
      }
      if (g.shape === 'language') {
        for (const skill of ['listening', 'reading', 'speaking', 'writing'] as const) {
          const label = m.stageTitle[skill]('§', 1).split('§')[0];
          expect(titles.some((t) => t.startsWith(label))).toBe(true);
        }
      }
      if (g.shape === 'training') {
        expect(lessons(p).some((l) => l.objectives.includes(m.load.taper))).toBe(true);
        expect(p.meta?.caveat).toBeTruthy();
      }
      if (g.shape !== 'training' && p.modules.length > 1)
        expect(titles.some((t) => t.startsWith(m.review.title('§').split('§')[0]))).toBe(true);
    });
  });
});

describe('what the request changes', () => {
  const base: TCurriculumRequestInput = {
    goal: 'Learn Python',
    level: 'beginner',
    hoursPerWeek: 5,
    weeks: 8,
    materials: ['reading', 'practice', 'projects'],
  };

  it('an endurance goal has runs and a taper', () => {
    const p = plan({ ...base, goal: 'Run a half marathon under 2 hours', hoursPerWeek: 4, weeks: 12 });
    expect(p.meta?.subject?.id).toBe('running');
    expect(lessons(p).filter((l) => /\brun/i.test(`${l.title} ${l.objectives.join(' ')}`)).length).toBeGreaterThan(10);
    const taper = lessons(p).filter((l) => l.objectives.includes(MESSAGES.en.load.taper));
    expect(taper.length).toBeGreaterThan(0);
    // The taper is lighter than the weeks before it.
    const weekMinutes = (w: number) =>
      lessons(p)
        .filter((l) => l.week === w)
        .reduce((s, l) => s + l.estimatedMinutes, 0);
    expect(weekMinutes(12)).toBeLessThan(weekMinutes(9));
  });

  it('background skips the topics it names', () => {
    const known = plan({ ...base, background: 'I already know variables and loops' });
    const fresh = plan(base);
    const python = atlas.byId.get('python')!;
    const skipped = knownTopicIds(python, 'I already know variables and loops');
    expect(skipped.size).toBeGreaterThan(0);
    const names = python.topics.filter((t) => skipped.has(t.id)).map((t) => t.name.en);
    const topicsOf = (p: TCurriculum) => p.modules.flatMap((x) => x.topics);
    for (const n of names) {
      expect(topicsOf(fresh)).toContain(n);
      expect(topicsOf(known)).not.toContain(n);
    }
    expect(known.prerequisites.join(' ')).toContain(names[0]);
    // German background works the same way.
    expect(knownTopicIds(python, 'Ich kenne schon Variablen und loops').size).toBeGreaterThan(0);
  });

  it('level picks the starting topics', () => {
    const first = (level: 'beginner' | 'advanced') => plan({ ...base, level }).modules[0].topics[0];
    expect(first('beginner')).not.toBe(first('advanced'));
  });

  it('hours per week set session length and frequency', () => {
    for (const goal of ['Learn Python', 'Aprender alemán', 'Run a half marathon under 2 hours']) {
      const few = plan({ ...base, goal, hoursPerWeek: 2 });
      const many = plan({ ...base, goal, hoursPerWeek: 8 });
      const perWeek = (p: TCurriculum) => lessons(p).filter((l) => l.week === 2).length;
      expect(perWeek(many)).toBeGreaterThanOrEqual(perWeek(few));
      expect(median(lessons(many).map((l) => l.estimatedMinutes))).toBeGreaterThan(median(lessons(few).map((l) => l.estimatedMinutes)));
    }
  });

  it('reviews recur 1, 3 and 7 weeks after a topic', () => {
    const p = plan({ ...base, weeks: 12, hoursPerWeek: 4 });
    const reviews = lessons(p).filter((l) => l.title.startsWith('Review: '));
    const firstTopic = p.modules[0].topics[0];
    const lastWeekOf = Math.max(
      ...lessons(p)
        .filter((l) => l.title.startsWith(`${firstTopic}:`))
        .map((l) => l.week!),
    );
    const reviewWeeks = reviews.filter((l) => l.title.includes(firstTopic)).map((l) => l.week! - lastWeekOf);
    expect(reviewWeeks).toEqual([1, 3, 7]);
  });

  it('the request language may be a name, a native name or a code', () => {
    for (const language of ['German', 'Deutsch', 'de', 'de-AT']) expect(plan({ ...base, language }).meta?.language).toBe('de');
    for (const language of ['Spanish', 'español', 'es']) expect(plan({ ...base, language }).meta?.language).toBe('es');
    const fr = plan({ ...base, language: 'French' });
    expect([fr.meta?.language, fr.meta?.languageFallback]).toEqual(['en', true]);
  });

  it('is deterministic, and answer positions are spread', () => {
    expect(plan(base)).toEqual(plan(base));
    const positions = SAMPLE_GOALS.flatMap((g) =>
      plan(g.request).modules.flatMap((x) => (x.checkpoint.type === 'quiz' ? x.checkpoint.questions.map((q) => q.answerIndex) : [])),
    );
    const counts = [0, 1, 2, 3].map((i) => positions.filter((p) => p === i).length / positions.length);
    expect(Math.max(...counts)).toBeLessThan(0.3);
  });
});
