import { describe, expect, it } from 'vitest';
import { cancelOutcome, canCancel, canReschedule, DEFAULT_POLICY, inNoShowWindow } from '@/lib/booking/policy';

const MIN = 60_000;
const HOUR = 60 * MIN;
const start = Date.parse('2026-03-10T15:00:00Z');
const confirmed = { status: 'confirmed' as const, startMs: start };

describe('cancellation refunds', () => {
  it('gives the learner a full refund at 24 h or more before the start, and the late percent after', () => {
    expect(cancelOutcome(DEFAULT_POLICY, confirmed, 'learner', start - 24 * HOUR - MIN).refundPercent).toBe(100);
    expect(cancelOutcome(DEFAULT_POLICY, confirmed, 'learner', start - 24 * HOUR).refundPercent).toBe(100);
    expect(cancelOutcome(DEFAULT_POLICY, confirmed, 'learner', start - 24 * HOUR + MIN)).toEqual({
      refundPercent: 0,
      rule: 'Less than 24 hours before the start: no refund.',
    });
    expect(cancelOutcome({ ...DEFAULT_POLICY, lateCancelRefundPercent: 30 }, confirmed, 'learner', start - HOUR)).toEqual({
      refundPercent: 30,
      rule: 'Less than 24 hours before the start: 30% refund.',
    });
  });

  it('uses the expert percentage when the expert cancels, whenever it is', () => {
    expect(cancelOutcome(DEFAULT_POLICY, confirmed, 'expert', start - MIN)).toEqual({
      refundPercent: 100,
      rule: 'The expert cancels: full refund.',
    });
    expect(cancelOutcome({ ...DEFAULT_POLICY, expertCancelRefundPercent: 80 }, confirmed, 'expert', start - 48 * HOUR).refundPercent).toBe(
      80,
    );
  });

  it('charges nothing for a hold that was never paid', () => {
    expect(cancelOutcome(DEFAULT_POLICY, { status: 'held', startMs: start }, 'learner', start - MIN)).toEqual({
      refundPercent: 100,
      rule: 'Not paid yet: nothing is charged.',
    });
  });
});

describe('what each side may do when', () => {
  it('cancels live sessions before they start only', () => {
    expect(canCancel(confirmed, start - MIN)).toBe(true);
    expect(canCancel(confirmed, start)).toBe(false);
    expect(canCancel({ status: 'cancelled', startMs: start }, start - HOUR)).toBe(false);
  });

  it('lets the learner reschedule only up to the full-refund cut-off, the expert until the start', () => {
    expect(canReschedule(DEFAULT_POLICY, confirmed, 'learner', start - 24 * HOUR)).toBe(true);
    expect(canReschedule(DEFAULT_POLICY, confirmed, 'learner', start - 24 * HOUR + MIN)).toBe(false);
    expect(canReschedule(DEFAULT_POLICY, confirmed, 'expert', start - MIN)).toBe(true);
    expect(canReschedule(DEFAULT_POLICY, confirmed, 'expert', start)).toBe(false);
    expect(canReschedule(DEFAULT_POLICY, { status: 'held', startMs: start }, 'learner', start - 48 * HOUR)).toBe(false);
  });

  it('takes no-show reports from the start to no_show_window_hours after it', () => {
    expect(inNoShowWindow(DEFAULT_POLICY, confirmed, start - MIN)).toBe(false);
    expect(inNoShowWindow(DEFAULT_POLICY, confirmed, start)).toBe(true);
    expect(inNoShowWindow(DEFAULT_POLICY, confirmed, start + 48 * HOUR)).toBe(true);
    expect(inNoShowWindow(DEFAULT_POLICY, confirmed, start + 48 * HOUR + MIN)).toBe(false);
    expect(inNoShowWindow(DEFAULT_POLICY, { status: 'cancelled', startMs: start }, start + MIN)).toBe(false);
  });
});
