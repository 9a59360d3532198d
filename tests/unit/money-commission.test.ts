import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commissionFor, splitRefund } from '@/lib/money/commission';
import { minorDigits } from '@/lib/money/convert';
import { formatMoney } from '@/lib/money/format-money';
import { toMajor, toMinor } from '@/lib/money/to-minor';
import { percentOf } from '@/lib/payments/postings';

describe('money in minor units: zero-, two- and three-decimal currencies', () => {
  it('JPY has no minor unit, KWD three', () => {
    expect([minorDigits('JPY'), minorDigits('USD'), minorDigits('KWD')]).toEqual([0, 2, 3]);
    expect(toMinor('6500', 'JPY')).toBe(6500);
    expect(toMinor('12.345', 'KWD')).toBe(12345);
    expect(toMinor('0.1', 'KWD')).toBe(100);
    expect(toMajor(12345, 'KWD')).toBe('12.345');
    expect(toMajor(6500, 'JPY')).toBe('6500');
    expect(formatMoney(6500, 'JPY')).toBe('¥6,500');
    expect(formatMoney(12345, 'KWD')).toMatch(/KWD\s?12\.345/);
  });

  it('commission on JPY: 15 % of ¥6,500 is ¥975, plus a fixed ¥100', () => {
    expect(commissionFor(6500, { percentBp: 1500, fixedMinor: 0 })).toEqual({ commissionMinor: 975, expertMinor: 5525 });
    expect(commissionFor(6500, { percentBp: 1500, fixedMinor: 100 })).toEqual({ commissionMinor: 1075, expertMinor: 5425 });
    // ¥333 × 15 % = 49.95 → 50 (half up, on the percentage part only)
    expect(commissionFor(333, { percentBp: 1500, fixedMinor: 0 })).toEqual({ commissionMinor: 50, expertMinor: 283 });
  });

  it('commission on KWD (3 decimals): 12.345 KWD × 12.5 % = 1.543125 → 1.543', () => {
    expect(commissionFor(12345, { percentBp: 1250, fixedMinor: 0 })).toEqual({ commissionMinor: 1543, expertMinor: 10802 });
    // 0.004 KWD × 12.5 % = 0.0005 → 0.001 (exactly half rounds up)
    expect(commissionFor(4, { percentBp: 1250, fixedMinor: 0 })).toEqual({ commissionMinor: 1, expertMinor: 3 });
  });

  it('rounding: exactly half rounds up, below half down; the fixed part is capped at the amount', () => {
    expect(commissionFor(10, { percentBp: 1500, fixedMinor: 0 }).commissionMinor).toBe(2); // 1.5 → 2
    expect(commissionFor(9, { percentBp: 1500, fixedMinor: 0 }).commissionMinor).toBe(1); // 1.35 → 1
    expect(commissionFor(50, { percentBp: 1000, fixedMinor: 100 })).toEqual({ commissionMinor: 50, expertMinor: 0 });
    expect(() => commissionFor(10.5, { percentBp: 1500, fixedMinor: 0 })).toThrow(RangeError);
    expect(() => commissionFor(100, { percentBp: 10_001, fixedMinor: 0 })).toThrow(RangeError);
  });

  it('for any amount and rule the two parts are integers that add up to the amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 1e6 }),
        (amount, bp, fixed) => {
          const { commissionMinor, expertMinor } = commissionFor(amount, { percentBp: bp, fixedMinor: fixed });
          expect(Number.isSafeInteger(commissionMinor) && Number.isSafeInteger(expertMinor)).toBe(true);
          expect(commissionMinor + expertMinor).toBe(amount);
          expect(commissionMinor).toBeGreaterThanOrEqual(0);
          expect(expertMinor).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('refunds split like the payment: partial refunds add up to the full split, and never more than paid', () => {
    const paid = { amountMinor: 7000, commissionMinor: 1050 };
    const a = splitRefund(paid, 0, 2333);
    const b = splitRefund(paid, 2333, 4667);
    expect(a.commissionMinor + b.commissionMinor).toBe(1050);
    expect(a.expertMinor + b.expertMinor).toBe(5950);
    expect(() => splitRefund(paid, 7000, 1)).toThrow(RangeError);
  });

  it('a policy percentage of an amount rounds down (the learner never gets more than the policy says)', () => {
    expect(percentOf(7000, 50)).toBe(3500);
    expect(percentOf(333, 50)).toBe(166);
    expect(percentOf(12345, 33)).toBe(4073);
    expect(percentOf(6500, 100)).toBe(6500);
  });
});
