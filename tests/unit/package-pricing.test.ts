import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commissionFor } from '@/lib/money/commission';
import {
  canRefundUnused,
  commissionPrefix,
  creditOnCancel,
  creditsLeft,
  packagePriceMinor,
  perSessionSaving,
  prefixShare,
  sessionShare,
  sessionSplit,
  unusedRefund,
} from '@/lib/packages/pricing';

describe('packagePriceMinor', () => {
  it('takes the discount off the whole package, half up, in minor units', () => {
    expect(packagePriceMinor(7000, 5, 1000)).toBe(31_500); // 5 × $70, 10 % off = $315
    expect(packagePriceMinor(3333, 3, 1500)).toBe(8499); // 9999 × 0.85 = 8499.15
    expect(packagePriceMinor(1, 3, 5000)).toBe(2); // 1.5 rounds half up
    expect(packagePriceMinor(7000, 5, 0)).toBe(35_000);
  });
  it('JPY has no minor digits and KWD has three: still just integers', () => {
    expect(packagePriceMinor(5500, 4, 1250)).toBe(19_250); // ¥5,500 × 4 × 0.875
    expect(packagePriceMinor(12_345, 6, 700)).toBe(68_885); // KWD 12.345 × 6 × 0.93 = 68.8851 → 68.885
  });
  it('refuses floats and out-of-range discounts', () => {
    expect(() => packagePriceMinor(70.5, 5, 1000)).toThrow(RangeError);
    expect(() => packagePriceMinor(7000, 5, 10_001)).toThrow(RangeError);
    expect(() => packagePriceMinor(7000, 0, 1000)).toThrow(RangeError);
  });
});

describe('perSessionSaving', () => {
  it('says what each session saves against buying it alone', () => {
    expect(perSessionSaving(7000, 5, 31_500)).toEqual({
      perSessionInPackageMinor: 6300,
      savingPerSessionMinor: 700,
      savingTotalMinor: 3500,
    });
    expect(perSessionSaving(5500, 4, 19_250).savingPerSessionMinor).toBe(687); // ¥687 (floored)
  });
});

describe('pro-rata shares', () => {
  it('split the price into N integer shares that add up exactly (JPY 10,000 over 3)', () => {
    const shares = [0, 1, 2].map((k) => sessionShare(10_000, 3, k));
    expect(shares).toEqual([3333, 3333, 3334]);
    expect(shares.reduce((a, b) => a + b)).toBe(10_000);
  });
  it('KWD 68.885 over 6 sessions', () => {
    const shares = [0, 1, 2, 3, 4, 5].map((k) => sessionShare(68_885, 6, k));
    expect(shares.reduce((a, b) => a + b)).toBe(68_885);
    expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
  });
  it('give each session its commission and the expert the rest, never negative (P=3, C=2, N=5)', () => {
    const p = { priceMinor: 3, commissionMinor: 2, count: 5 };
    const splits = [0, 1, 2, 3, 4].map((k) => sessionSplit(p, k));
    expect(splits.every((s) => s.expertMinor >= 0 && s.commissionMinor >= 0)).toBe(true);
    expect(splits.reduce((a, s) => a + s.commissionMinor, 0)).toBe(2);
    expect(splits.reduce((a, s) => a + s.amountMinor, 0)).toBe(3);
  });
  it('property: for any price, commission rule and N, the splits sum to price and commission and every part is ≥ 0', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 2, max: 50 }),
        (price, bp, fixed, n) => {
          const { commissionMinor } = commissionFor(price, { percentBp: bp, fixedMinor: fixed });
          const p = { priceMinor: price, commissionMinor, count: n };
          let a = 0;
          let c = 0;
          for (let k = 0; k < n; k++) {
            const s = sessionSplit(p, k);
            expect(Number.isInteger(s.amountMinor) && Number.isInteger(s.commissionMinor)).toBe(true);
            expect(s.commissionMinor).toBeGreaterThanOrEqual(0);
            expect(s.expertMinor).toBeGreaterThanOrEqual(0);
            expect(s.amountMinor).toBe(s.commissionMinor + s.expertMinor);
            a += s.amountMinor;
            c += s.commissionMinor;
            expect(a).toBe(prefixShare(price, n, k + 1));
            expect(c).toBe(commissionPrefix(p, k + 1));
          }
          expect(a).toBe(price);
          expect(c).toBe(commissionMinor);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('unusedRefund', () => {
  it('refunds the shares not yet consumed: the delivered ones plus the refund make the price', () => {
    expect(unusedRefund({ priceMinor: 31_500, count: 5 }, 2)).toEqual({ refundMinor: 18_900, sessions: 3 });
    expect(unusedRefund({ priceMinor: 10_000, count: 3 }, 1)).toEqual({ refundMinor: 6667, sessions: 2 }); // JPY
    expect(unusedRefund({ priceMinor: 10_000, count: 3 }, 0).refundMinor).toBe(10_000);
    expect(unusedRefund({ priceMinor: 10_000, count: 3 }, 3).refundMinor).toBe(0);
    for (let used = 0; used <= 6; used++)
      expect(prefixShare(68_885, 6, used) + unusedRefund({ priceMinor: 68_885, count: 6 }, used).refundMinor).toBe(68_885);
  });
});

describe('credit rules', () => {
  it('counts what is left after sessions used and refunded', () => {
    expect(creditsLeft({ count: 5, used: 2, refunded: 0 })).toBe(3);
    expect(creditsLeft({ count: 5, used: 2, refunded: 3 })).toBe(0);
  });
  it('returns the credit of a cancelled session only when the policy refunds it in full', () => {
    expect(creditOnCancel(100)).toBe('returned');
    expect(creditOnCancel(50)).toBe('forfeited');
    expect(creditOnCancel(0)).toBe('forfeited');
    expect(creditOnCancel(null)).toBe('forfeited');
  });
  it('refunds unused sessions only inside the window, only while active and only if any are left', () => {
    const until = new Date('2026-06-01T00:00:00Z');
    const p = { status: 'active', refundUntil: until, count: 5, used: 2, refunded: 0 };
    expect(canRefundUnused(p, until.getTime())).toBe(true);
    expect(canRefundUnused(p, until.getTime() + 1)).toBe(false);
    expect(canRefundUnused({ ...p, status: 'pending' }, 0)).toBe(false);
    expect(canRefundUnused({ ...p, used: 5 }, 0)).toBe(false);
  });
});
