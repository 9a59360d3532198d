import { describe, expect, it } from 'vitest';
import { levelsReached } from '@/lib/policy/levels';
import { isReviewOpen, reviewClosesAt } from '@/lib/reviews/review-window';

const end = new Date('2026-03-08T10:00:00Z');
const at = (iso: string) => new Date(iso);

describe('the review window', () => {
  it('opens at the end of a completed session and closes review_window_days later', () => {
    expect(reviewClosesAt(end, 7).toISOString()).toBe('2026-03-15T10:00:00.000Z');
    const base = { status: 'completed', endsAt: end, windowDays: 7, alreadyReviewed: false };
    expect(isReviewOpen({ ...base, now: at('2026-03-08T09:59:59Z') })).toBe(false);
    expect(isReviewOpen({ ...base, now: at('2026-03-08T10:00:00Z') })).toBe(true);
    expect(isReviewOpen({ ...base, now: at('2026-03-15T09:59:59Z') })).toBe(true);
    expect(isReviewOpen({ ...base, now: at('2026-03-15T10:00:00Z') })).toBe(false);
    expect(isReviewOpen({ ...base, alreadyReviewed: true, now: at('2026-03-09T00:00:00Z') })).toBe(false);
    for (const status of ['confirmed', 'cancelled', 'no_show', 'held', 'expired'])
      expect(isReviewOpen({ ...base, status, now: at('2026-03-09T00:00:00Z') })).toBe(false);
  });
});

describe('sanction levels', () => {
  it('reaches each level at its threshold', () => {
    const p = { strikesWarning: 1, strikesPause: 2, strikesSuspend: 3 };
    expect([0, 1, 2, 3, 9].map((n) => levelsReached(n, p))).toEqual([
      [],
      ['warning'],
      ['warning', 'pause'],
      ['warning', 'pause', 'suspension'],
      ['warning', 'pause', 'suspension'],
    ]);
    expect(levelsReached(2, { strikesWarning: 2, strikesPause: 2, strikesSuspend: 5 })).toEqual(['warning', 'pause']);
  });
});
