import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commissionFor } from '@/lib/money/commission';
import { checkPosting, type TPosting } from '@/lib/payments/ledger';
import {
  chargePosting,
  disputeLostPosting,
  disputePosting,
  disputeWonPosting,
  expertDue,
  expertReturned,
  feePosting,
  refundPosting,
  reversalPosting,
  transferPosting,
  type TPaid,
} from '@/lib/payments/postings';

// The payment state machine's money rules (lib/payments/settle.ts, transfers.ts) replayed on an in-memory ledger with
// the same posting functions: any sequence of partial refunds, transfers, reversals and disputes keeps every booking
// balanced, never returns more than was paid, and leaves the expert owed exactly their share of what was kept.

type TOp =
  { kind: 'refund'; amount: number } | { kind: 'transfer' } | { kind: 'disputeOpen' } | { kind: 'disputeWon' } | { kind: 'disputeLost' };

const op: fc.Arbitrary<TOp> = fc.oneof(
  fc.record({ kind: fc.constant('refund' as const), amount: fc.integer({ min: 1, max: 2_000_000 }) }),
  fc.constant({ kind: 'transfer' as const }),
  fc.constant({ kind: 'disputeOpen' as const }),
  fc.constant({ kind: 'disputeWon' as const }),
  fc.constant({ kind: 'disputeLost' as const }),
);

function run(paid: TPaid, fee: number, ops: TOp[]) {
  const postings: TPosting[] = [];
  const refs = (n: number) => ({ bookingId: 'b', paymentId: 'p', expertId: 'e', sourceRef: `ref_${n}` });
  let n = 0;
  const post = (p: TPosting) => {
    checkPosting(p);
    postings.push(p);
  };
  let returned = 0; // refunds + lost disputes
  let dispute: 'none' | 'open' | 'won' | 'lost' = 'none';
  let transferred = 0;
  let reversed = 0;
  let disputed = 0;
  post(chargePosting(paid, refs(n++)));
  if (fee) post(feePosting(paid, fee, refs(n++)));
  const giveBack = (amount: number, make: (before: number, amount: number) => TPosting) => {
    const before = returned;
    post(make(before, amount));
    returned += amount;
    // After a transfer, the expert's part of what went back is reversed (settle.ts afterReturn).
    if (transferred > 0) {
      const part = expertReturned(paid, returned) - expertReturned(paid, before);
      const v = Math.min(part, transferred - reversed);
      if (v > 0) {
        post(reversalPosting(paid, v, refs(n++)));
        reversed += v;
      }
    }
  };
  for (const o of ops) {
    const left = paid.amountMinor - returned;
    if (o.kind === 'refund') {
      if (o.amount > left) continue; // refused: more than what is left
      giveBack(o.amount, (before, amount) => refundPosting(paid, before, amount, refs(n++)));
    } else if (o.kind === 'transfer') {
      if (transferred > 0 || dispute === 'open') continue;
      const due = expertDue(paid, returned);
      if (due <= 0) continue;
      post(transferPosting(paid, due, refs(n++)));
      transferred = due;
    } else if (o.kind === 'disputeOpen') {
      if (dispute !== 'none' || left === 0) continue;
      post(disputePosting(paid, left, refs(n++)));
      dispute = 'open';
      disputed = left;
    } else if (dispute === 'open') {
      const amount = disputed;
      if (o.kind === 'disputeWon') {
        post(disputeWonPosting(paid, amount, refs(n++)));
        dispute = 'won';
      } else {
        const lost = Math.min(amount, paid.amountMinor - returned);
        if (amount > lost) post(disputeWonPosting(paid, amount - lost, refs(n++))); // the part already refunded is released (settle.ts)
        giveBack(lost, (before, a) => disputeLostPosting(paid, before, a, refs(n++)));
        dispute = 'lost';
      }
    }
  }
  const balance = (account: string) =>
    postings
      .flatMap((p) => p.lines)
      .filter((l) => l.account === account)
      .reduce((s, l) => s + l.amountMinor, 0) + 0;
  return { postings, returned, transferred, reversed, dispute, disputed, balance };
}

const currency = fc.constantFrom('USD', 'JPY', 'KWD');

describe('ledger property: any sequence of charges, refunds, transfers, reversals and disputes', () => {
  it('balances every booking, never returns more than paid, and owes the expert exactly their share of what was kept', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 3000 }),
        currency,
        fc.array(op, { maxLength: 12 }),
        (amount, bp, fixed, fee, cur, ops) => {
          const { commissionMinor } = commissionFor(amount, { percentBp: bp, fixedMinor: fixed });
          const paid: TPaid = { amountMinor: amount, commissionMinor, currency: cur };
          const r = run(paid, Math.min(fee, amount), ops);
          const total = r.postings.flatMap((p) => p.lines).reduce((s, l) => s + l.amountMinor, 0);
          expect(total).toBe(0);
          expect(r.returned).toBeLessThanOrEqual(amount);
          const kept = amount - r.returned;
          // What the platform keeps of the commission is the commission less its share of what went back.
          expect(-r.balance('platform_commission') + 0).toBe(commissionMinor - (r.returned - expertReturned(paid, r.returned)));
          // The expert is owed (negative payable) their share of what was kept, less what was transferred net of reversals.
          expect(-r.balance('expert_payable') + 0).toBe(expertDue(paid, r.returned) - (r.transferred - r.reversed));
          // Once transferred and every reversal made, nothing is owed either way.
          if (r.transferred > 0) expect(r.balance('expert_payable')).toBe(0);
          expect(r.transferred - r.reversed).toBeLessThanOrEqual(amount - commissionMinor);
          expect(r.balance('disputes')).toBe(r.dispute === 'open' ? r.disputed : 0);
          expect(kept).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
