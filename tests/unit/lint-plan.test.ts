import { describe, expect, it } from 'vitest';
import { lintPlan } from '@/lib/curriculum/lint-plan';
import type { TCurriculum, TLesson, TModule } from '@/lib/curriculum/schemas';

// Each rule of the plan linter on a plan that breaks only it; the old planner's output (issue #14) fails.

const lesson = (o: Partial<TLesson> = {}): TLesson => ({
  title: 'Lists and dictionaries: concepts',
  kind: 'read',
  objectives: ['Choose between a list and a dict for a task'],
  estimatedMinutes: 60,
  resources: [],
  week: 1,
  ...o,
});
const quiz = (positions: number[], objective = 'Choose between a list and a dict for a task') => ({
  type: 'quiz' as const,
  questions: positions.map((answerIndex, i) => ({
    question: `Question ${i + 1} about dictionaries?`,
    choices: ['one', 'two', 'three', 'four'],
    answerIndex,
    explanation: 'Because of how dictionaries work.',
    id: `python/data/q${i}`,
    objective,
  })),
});
const module = (o: Partial<TModule> = {}): TModule => ({
  title: 'Lists and dictionaries',
  summary: 'Concepts: list, dict.',
  topics: ['Lists and dictionaries'],
  estimatedHours: 2,
  checkpoint: quiz([0, 1, 2, 3]),
  lessons: [lesson(), lesson({ week: 2 })],
  ...o,
});
const plan = (o: Partial<TCurriculum> = {}): TCurriculum => ({
  title: 'Python: Course with a project',
  summary: 'An 8-week plan for an intermediate learner.',
  prerequisites: [],
  outcomes: ['Write a function'],
  modules: [module()],
  ...o,
});
const lint = (p: TCurriculum, goal = 'Learn Python') => lintPlan(p, { budgetMinutes: 120, goal, language: 'English' });

describe('lintPlan', () => {
  it('passes a clean plan', () => {
    expect(lint(plan())).toEqual([]);
  });

  it('flags template residue: placeholders and "Core X: Y"', () => {
    expect(lint(plan({ title: 'Learn {{subject}}' }))[0]).toMatch(/placeholder/);
    expect(lint(plan({ modules: [module({ lessons: [lesson({ title: 'undefined: concepts' }), lesson({ week: 2 })] })] }))[0]).toMatch(
      /placeholder/,
    );
    expect(
      lint(plan({ modules: [module({ title: 'Core Under 2 hours: Run / half / marathon' })] }), 'Run a half marathon under 2 hours'),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/template residue/), expect.stringMatching(/loose words/)]));
  });

  it('flags goal words used as concepts', () => {
    const goal = 'Run a half marathon under 2 hours';
    const p = plan({
      modules: [module({ topics: ['half'], lessons: [lesson({ objectives: ['Explain half in under 2 hours'] }), lesson({ week: 2 })] })],
    });
    const problems = lint(p, goal);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/topics\[0\]: goal words used as a topic/),
        expect.stringMatching(/goal word "half" used as a concept/),
      ]),
    );
    expect(lint(plan({ modules: [module({ title: 'Foundations of Prepare' })] }), 'Prepare for the AWS exam')).toEqual([
      expect.stringMatching(/goal word "Prepare"/),
    ]);
  });

  it('flags doubled words, but not code or German relative clauses', () => {
    expect(lint(plan({ summary: 'Search for Prepare Prepare on GitHub.' }))).toEqual([
      expect.stringMatching(/doubled word "Prepare Prepare"/),
    ]);
    expect(lint(plan({ summary: 'Start the query with WITH.' }))).toEqual([]);
    expect(lintPlan(plan({ summary: 'Ein Programm, das das Wetter zeigt.' }), { budgetMinutes: 120, language: 'de' })).toEqual([]);
  });

  it('flags a/an errors in English plans only', () => {
    expect(lint(plan({ summary: 'A plan for a intermediate learner.' }))).toEqual([
      'summary: "a intermediate" should be "an intermediate"',
    ]);
    expect(lint(plan({ summary: 'An 8-week plan, an hour a day, a university course, an SQL query.' }))).toEqual([]);
    expect(lintPlan(plan({ summary: 'Hacer a intermedio.' }), { budgetMinutes: 120, language: 'es' })).toEqual([]);
  });

  it('checks the minutes against the budget (±10 %)', () => {
    expect(lintPlan(plan(), { budgetMinutes: 200 })[0]).toMatch(/must add up to 200 minutes/);
    expect(lintPlan(plan(), { budgetMinutes: 130 })).toEqual([]);
  });

  it('needs a week on every lesson, in order', () => {
    expect(lint(plan({ modules: [module({ lessons: [lesson(), lesson({ week: undefined })] })] }))).toEqual([
      'modules[0].lessons[1]: no week',
    ]);
    expect(lint(plan({ modules: [module({ lessons: [lesson({ week: 2 }), lesson({ week: 1 })] })] }))[0]).toMatch(
      /week 1 comes after week 2/,
    );
  });

  it('needs answer positions spread: no position above half with four questions or more', () => {
    expect(lint(plan({ modules: [module({ checkpoint: quiz([0, 0, 0, 1]) })] }))).toEqual([
      'modules[0].checkpoint: 3 of 4 right answers are at position 1',
      'plan quizzes: 3 of 4 right answers are at position 1',
    ]);
    expect(lint(plan({ modules: [module({ checkpoint: quiz([0, 0, 1]) })] }))).toEqual([]);
  });

  it("ties every quiz question to one of its module's lesson objectives", () => {
    expect(lint(plan({ modules: [module({ checkpoint: quiz([0, 1, 2, 3], 'Something no lesson teaches') })] }))[0]).toMatch(
      /is not one of the module's lesson objectives/,
    );
    const untied = quiz([0, 1, 2]);
    delete (untied.questions[0] as { objective?: string }).objective;
    expect(lint(plan({ modules: [module({ checkpoint: untied })] }))).toEqual([
      'modules[0].checkpoint.questions[0]: not tied to an objective',
    ]);
  });
});
