import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commissionFor } from '@/lib/money/commission';
import type { TLedgerLine } from '@/lib/payments/ledger';
import { chargeLines, partialRefundLines, refundLines, transferLines } from '@/lib/packages/postings';
import { creditsVoidedBy, prefixShare, unusedValueMinor } from '@/lib/packages/pricing';

// For any package (price, commission rule, N) and any sequence of bookings, completions, cancellations in time and
// late, and refunds of unused sessions — applied with lib/packages' rules — every posting balances, every line is an
// integer, the expert's owed share never goes positive (nothing is pulled back) and ends at exactly zero once every
// credit is delivered or refunded, and the platform keeps exactly the commission of the delivered sessions.

const OPS = ['book', 'complete', 'cancelInTime', 'cancelLate', 'refund', 'partialRefund'] as const;
type TOp = (typeof OPS)[number];

// partialRefund: an admin's refund of part of what is left (fractions[i] of the unused credits' value, in
// ‰), applied as lib/packages/refund-credits.ts applies it.
function run(price: number, bp: number, fixed: number, n: number, ops: TOp[], fractions: number[] = []) {
  const { commissionMinor } = commissionFor(price, { percentBp: bp, fixedMinor: fixed });
  const p = { amountMinor: price, commissionMinor, count: n };
  const balance: Record<string, number> = {};
  const post = (lines: TLedgerLine[]) => {
    expect(lines.every((l) => Number.isSafeInteger(l.amountMinor))).toBe(true);
    expect(lines.reduce((s, l) => s + l.amountMinor, 0)).toBe(0);
    for (const l of lines) balance[l.account] = (balance[l.account] ?? 0) + l.amountMinor;
    expect(balance.expert_payable ?? 0).toBeLessThanOrEqual(0);
  };
  let used = 0;
  let refundedSessions = 0;
  let booked = 0;
  let delivered = 0;
  let refundedMinor = 0;
  let commissionRefunded = 0;
  const deliver = () => {
    booked--;
    post(transferLines(p, delivered).lines);
    delivered++;
  };
  const refund = () => {
    if (n - used - refundedSessions <= 0) return;
    const r = price - prefixShare(price, n, used) - refundedMinor;
    // r = 0 after partial refunds already returned the credits' value: the credits are still voided, with the
    // expert's part of them moved out of expert_payable (lib/packages/refund-credits.ts voidUnusedCredits).
    if (r > 0 || partials > 0) {
      const lines = refundLines(p, used, r, commissionRefunded);
      const c = lines.find((l) => l.account === 'platform_commission')!.amountMinor;
      if (partials === 0) {
        expect(c).toBeGreaterThanOrEqual(0);
        expect(r - c).toBeGreaterThanOrEqual(0);
      }
      post(lines);
      refundedMinor += r;
      commissionRefunded += c;
    }
    refundedSessions = n - used;
  };
  let partials = 0;
  const partialRefund = () => {
    const state = { priceMinor: price, count: n, used, refunded: refundedSessions, refundedMinor };
    const value = unusedValueMinor(state);
    const amount = Math.floor((value * (fractions[partials++ % Math.max(1, fractions.length)] ?? 500)) / 1000);
    if (amount <= 0) return;
    const k = creditsVoidedBy(state, amount);
    const lines = amount >= value ? refundLines(p, used, amount, commissionRefunded) : partialRefundLines(p, refundedSessions, k, amount);
    post(lines);
    refundedMinor += amount;
    commissionRefunded += lines.find((l) => l.account === 'platform_commission')!.amountMinor;
    refundedSessions += k;
  };
  post(chargeLines(p));
  for (const op of ops) {
    if (op === 'book' && used + refundedSessions < n) {
      used++;
      booked++;
    } else if ((op === 'complete' || op === 'cancelLate') && booked > 0) deliver();
    else if (op === 'cancelInTime' && booked > 0) {
      booked--;
      used--;
    } else if (op === 'refund') refund();
    else if (op === 'partialRefund') partialRefund();
  }
  while (booked > 0) deliver();
  refund();
  return { balance, delivered, refundedMinor, commissionMinor, p };
}

describe('package ledger', () => {
  it('property: balanced postings, expert_payable never positive and ends at 0 (partial admin refunds included), commission = the delivered sessions’ commission', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 2, max: 12 }),
        fc.array(fc.constantFrom(...OPS), { maxLength: 60 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 8 }),
        (price, bp, fixed, n, ops, fractions) => {
          const { balance, delivered, refundedMinor, commissionMinor } = run(price, bp, fixed, n, ops, fractions);
          expect(balance.expert_payable ?? 0).toBe(0);
          // Each refund is capped at the unused credits' value then, so never more than the price comes back.
          expect(refundedMinor).toBeLessThanOrEqual(price);
          if (!ops.includes('partialRefund')) {
            expect(prefixShare(price, n, delivered) + refundedMinor).toBe(price);
            const kept = -(balance.platform_commission ?? 0);
            expect(kept).toBeGreaterThanOrEqual(0);
            expect(kept).toBeLessThanOrEqual(commissionMinor);
          }
          // With partial refunds the platform's commission line absorbs the difference between a refund and the
          // value of the credits it voided (a goodwill amount it pays, or minor units it keeps); the expert's
          // account is exact either way (above).
          expect(Object.values(balance).reduce((s, x) => s + x, 0)).toBe(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('JPY ¥10,000 over 3, one delivered then the rest refunded: ¥6,667 back, the expert got exactly their share of one', () => {
    const { balance, refundedMinor } = run(10_000, 1500, 0, 3, ['book', 'complete', 'refund']);
    expect(refundedMinor).toBe(6667);
    // Session 1 is ¥3,333: commission ⌊1,500 × 3,333 / 10,000⌋ = ¥499, the expert ¥2,834.
    expect(balance).toEqual({ platform_cash: 10_000 - 6667 - 2834, platform_commission: -499, expert_payable: 0 });
  });
});
