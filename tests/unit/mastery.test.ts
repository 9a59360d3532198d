import { describe, expect, it } from 'vitest';
import {
  addDays,
  BOX_ESTIMATE,
  dueForReview,
  moduleMastery,
  questionStates,
  replayQuestion,
  type TAnswerEvent,
} from '@/lib/curriculum/mastery';

// Answers to question q at the given instants (right/wrong).
const ans = (at: string, correct: boolean, questionId = 'q'): TAnswerEvent => ({ questionId, correct, answeredAt: at });

describe('Leitner boxes', () => {
  it('a first wrong answer is box 1 and due the next day; a first right answer is box 2, due in 3 days', () => {
    expect(replayQuestion([ans('2026-03-10T09:00:00Z', false)])).toMatchObject({ box: 1, lastDay: '2026-03-10', dueDay: '2026-03-11' });
    expect(replayQuestion([ans('2026-03-10T09:00:00Z', true)])).toMatchObject({ box: 2, dueDay: '2026-03-13' });
    expect(replayQuestion([])).toBeNull();
  });

  it('right when due climbs one box at a time through the intervals 1, 3, 7, 16, 35 days, capped at box 5', () => {
    const days = ['2026-01-01', '2026-01-04', '2026-01-11', '2026-01-27', '2026-03-03', '2026-04-07'];
    const events = days.map((d) => ans(`${d}T12:00:00Z`, true));
    const boxes = events.map((_, i) => replayQuestion(events.slice(0, i + 1))!.box);
    expect(boxes).toEqual([2, 3, 4, 5, 5, 5]);
    expect(replayQuestion(events.slice(0, 2))!.dueDay).toBe(addDays('2026-01-04', 7));
    expect(replayQuestion(events.slice(0, 3))!.dueDay).toBe(addDays('2026-01-11', 16));
    expect(replayQuestion(events)!.dueDay).toBe(addDays('2026-04-07', 35));
  });

  it('wrong sends any box back to 1, due the next day', () => {
    const s = replayQuestion([
      ans('2026-01-01T12:00:00Z', true),
      ans('2026-01-04T12:00:00Z', true),
      ans('2026-01-11T12:00:00Z', true),
      ans('2026-01-27T12:00:00Z', false),
    ]);
    expect(s).toMatchObject({ box: 1, dueDay: '2026-01-28', answers: 4, lastCorrect: false });
  });

  it('a right answer after a wrong one moves up at once (the review of the mistake), but repeating it the same day does not', () => {
    const wrongThenRight = [ans('2026-01-01T12:00:00Z', false), ans('2026-01-01T12:05:00Z', true)];
    expect(replayQuestion(wrongThenRight)!.box).toBe(2);
    expect(replayQuestion([...wrongThenRight, ans('2026-01-01T12:10:00Z', true), ans('2026-01-02T12:10:00Z', true)])!.box).toBe(2);
  });

  it('a right answer before the due day keeps the box (no cramming)', () => {
    const s = replayQuestion([ans('2026-01-01T12:00:00Z', true), ans('2026-01-02T12:00:00Z', true), ans('2026-01-03T12:00:00Z', true)]);
    expect(s).toMatchObject({ box: 2, dueDay: '2026-01-06' });
  });

  it('replays answers by time whatever order they arrive in', () => {
    const a = [ans('2026-01-01T12:00:00Z', true), ans('2026-01-04T12:00:00Z', true), ans('2026-01-11T12:00:00Z', false)];
    expect(replayQuestion([a[2], a[0], a[1]])).toEqual(replayQuestion(a));
  });

  it("counts days in the learner's zone: 23:30 in Auckland is already the next day there", () => {
    // 2026-01-01T10:30Z is 23:30 on Jan 1 in Auckland (UTC+13); 11:30Z is 00:30 on Jan 2.
    expect(replayQuestion([ans('2026-01-01T11:30:00Z', false)], 'Pacific/Auckland')!.dueDay).toBe('2026-01-03');
    expect(replayQuestion([ans('2026-01-01T10:30:00Z', false)], 'Pacific/Auckland')!.dueDay).toBe('2026-01-02');
    expect(replayQuestion([ans('2026-01-01T11:30:00Z', false)], 'UTC')!.dueDay).toBe('2026-01-02');
  });
});

describe('mastery per objective and module', () => {
  const items = [
    { questionId: 'a1', objective: 'Explain joins' },
    { questionId: 'a2', objective: 'Explain joins' },
    { questionId: 'b1', objective: 'Write a GROUP BY' },
  ];

  it('nothing answered: 0 of 2 objectives, 0 %', () => {
    expect(moduleMastery(items, new Map())).toMatchObject({ mastered: 0, total: 2, percent: 0, byObjective: true, answered: false });
  });

  it('an objective is mastered when every question testing it is in box 3 or higher; the percent is the mean estimate', () => {
    const twiceRight = (id: string) => [ans('2026-01-01T12:00:00Z', true, id), ans('2026-01-04T12:00:00Z', true, id)];
    const states = questionStates([...twiceRight('a1'), ...twiceRight('b1'), ans('2026-01-01T12:00:00Z', true, 'a2')]);
    const m = moduleMastery(items, states);
    expect(m.objectives).toEqual([
      { objective: 'Explain joins', estimate: (BOX_ESTIMATE[3] + BOX_ESTIMATE[2]) / 2, mastered: false, questions: 2 },
      { objective: 'Write a GROUP BY', estimate: BOX_ESTIMATE[3], mastered: true, questions: 1 },
    ]);
    expect(m).toMatchObject({ mastered: 1, total: 2, answered: true });
    expect(m.percent).toBe(Math.round(((BOX_ESTIMATE[3] + BOX_ESTIMATE[2]) / 2 + BOX_ESTIMATE[3]) * 50));
  });

  it('a wrong answer then the right one in review moves the estimate up', () => {
    const wrong = questionStates([ans('2026-01-01T12:00:00Z', false, 'b1')]);
    const reviewed = questionStates([ans('2026-01-01T12:00:00Z', false, 'b1'), ans('2026-01-02T08:00:00Z', true, 'b1')]);
    expect(moduleMastery(items, reviewed).percent).toBeGreaterThan(moduleMastery(items, wrong).percent);
  });

  it('old plans with no objectives count each question on its own', () => {
    const m = moduleMastery(
      [
        { questionId: 'x', objective: null },
        { questionId: 'y', objective: null },
      ],
      new Map(),
    );
    expect(m).toMatchObject({ total: 2, byObjective: false });
  });
});

describe('review list', () => {
  it('lists what is due on or before today, oldest first', () => {
    const items = [
      { questionId: 'b', dueDay: '2026-01-02' },
      { questionId: 'a', dueDay: '2026-01-02' },
      { questionId: 'c', dueDay: '2026-01-01' },
      { questionId: 'd', dueDay: '2026-01-03' },
    ];
    expect(dueForReview(items, '2026-01-01').map((x) => x.questionId)).toEqual(['c']);
    expect(dueForReview(items, '2026-01-02').map((x) => x.questionId)).toEqual(['c', 'a', 'b']);
  });
});
