import { describe, expect, it } from 'vitest';
import { hashString } from '@/lib/curriculum/planner/random';
import { choiceOrder, originalIndex, questionIdOf, shownIndex, shuffledChoices } from '@/lib/curriculum/quiz-order';

describe('question ids', () => {
  it('keeps a question’s own id, else derives a stable one from the module and the text', () => {
    expect(questionIdOf('m1', { id: 'sql/joins/q1', question: 'What does a join do?' })).toBe('sql/joins/q1');
    const a = questionIdOf('m1', { question: 'What does a join do?' });
    expect(a).toBe(questionIdOf('m1', { question: 'What does a join do?' }));
    expect(a).not.toBe(questionIdOf('m2', { question: 'What does a join do?' }));
    expect(a).not.toBe(questionIdOf('m1', { question: 'What does a view do?' }));
    expect(a.startsWith('m1/q-')).toBe(true);
  });
});

describe('choice order per learner', () => {
  it('is a permutation, the same on every call for one learner and question', () => {
    const o = choiceOrder('user-1', 'sql/joins/q1', 4);
    expect([...o].sort()).toEqual([0, 1, 2, 3]);
    expect(choiceOrder('user-1', 'sql/joins/q1', 4)).toEqual(o);
  });

  it('maps shown positions back to the original and the reverse', () => {
    const o = choiceOrder('user-1', 'q', 5);
    const shown = shuffledChoices(['a', 'b', 'c', 'd', 'e'], o);
    for (let i = 0; i < 5; i++) {
      expect(shown[i]).toBe(['a', 'b', 'c', 'd', 'e'][originalIndex(o, i)]);
      expect(shownIndex(o, originalIndex(o, i))).toBe(i);
    }
    expect(originalIndex(o, -1)).toBe(-1);
    expect(originalIndex(o, 5)).toBe(-1);
  });

  it('spreads the right answer: over many learners the original first choice lands in every position about equally', () => {
    const counts = [0, 0, 0, 0];
    for (let u = 0; u < 4000; u++) counts[shownIndex(choiceOrder(`user-${u}`, 'q', 4), 0)]++;
    for (const c of counts) expect(c).toBeGreaterThan(850); // 1000 expected each
  });

  it('differs between learners and between questions', () => {
    const orders = new Set(Array.from({ length: 50 }, (_, u) => choiceOrder(`user-${u}`, 'q', 4).join()));
    expect(orders.size).toBeGreaterThan(10);
    const byQuestion = new Set(Array.from({ length: 50 }, (_, q) => choiceOrder('user-1', `q${q}`, 4).join()));
    expect(byQuestion.size).toBeGreaterThan(10);
  });

  it('hashString is stable (FNV-1a)', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
  });
});
