import { splitRefund } from '@/lib/money/commission';
import type { TPosting } from './ledger';

// The ledger postings of each money movement, as pure functions (the property test drives them directly).
// Positive = debit. Every posting sums to zero, so every booking's rows do.
//   charge           platform_cash +A            platform_commission −C     expert_payable −(A−C)
//   fee              processor_fees +F           platform_cash −F           (the platform bears Stripe's fee)
//   refund           platform_cash −R            platform_commission +Rc    expert_payable +Re   (split as paid)
//   transfer         expert_payable +T           platform_cash −T
//   reversal         platform_cash +V            expert_payable −V
//   dispute          disputes +D                 platform_cash −D           (Stripe holds the amount)
//   dispute_won      platform_cash +D            disputes −D
//   dispute_lost     disputes −D                 platform_commission +Dc    expert_payable +De

export type TPaid = { amountMinor: number; commissionMinor: number; currency: string };
type TRefs = { bookingId: string | null; paymentId: string; expertId: string; sourceRef: string; memo?: string };

const base = (p: TPaid, r: TRefs) => ({
  currency: p.currency,
  bookingId: r.bookingId,
  paymentId: r.paymentId,
  expertId: r.expertId,
  sourceRef: r.sourceRef,
  memo: r.memo ?? null,
});

export function chargePosting(p: TPaid, r: TRefs): TPosting {
  return {
    ...base(p, r),
    kind: 'charge',
    lines: [
      { account: 'platform_cash', amountMinor: p.amountMinor },
      { account: 'platform_commission', amountMinor: -p.commissionMinor },
      { account: 'expert_payable', amountMinor: -(p.amountMinor - p.commissionMinor) },
    ],
  };
}

export function feePosting(p: TPaid, feeMinor: number, r: TRefs): TPosting {
  return {
    ...base(p, r),
    kind: 'fee',
    lines: [
      { account: 'processor_fees', amountMinor: feeMinor },
      { account: 'platform_cash', amountMinor: -feeMinor },
    ],
  };
}

/** `returnedBefore`: what refunds and lost disputes had already given back, so the split continues where it stopped. */
export function returnSplit(p: TPaid, returnedBefore: number, amountMinor: number) {
  return splitRefund({ amountMinor: p.amountMinor, commissionMinor: p.commissionMinor }, returnedBefore, amountMinor);
}

export function refundPosting(p: TPaid, returnedBefore: number, amountMinor: number, r: TRefs): TPosting {
  const s = returnSplit(p, returnedBefore, amountMinor);
  return {
    ...base(p, r),
    kind: 'refund',
    lines: [
      { account: 'platform_cash', amountMinor: -amountMinor },
      { account: 'platform_commission', amountMinor: s.commissionMinor },
      { account: 'expert_payable', amountMinor: s.expertMinor },
    ],
  };
}

export function transferPosting(p: TPaid, amountMinor: number, r: TRefs): TPosting {
  return {
    ...base(p, r),
    kind: 'transfer',
    lines: [
      { account: 'expert_payable', amountMinor },
      { account: 'platform_cash', amountMinor: -amountMinor },
    ],
  };
}

export function reversalPosting(p: TPaid, amountMinor: number, r: TRefs): TPosting {
  return {
    ...base(p, r),
    kind: 'transfer_reversal',
    lines: [
      { account: 'platform_cash', amountMinor },
      { account: 'expert_payable', amountMinor: -amountMinor },
    ],
  };
}

export function disputePosting(p: TPaid, amountMinor: number, r: TRefs): TPosting {
  return {
    ...base(p, r),
    kind: 'dispute',
    lines: [
      { account: 'disputes', amountMinor },
      { account: 'platform_cash', amountMinor: -amountMinor },
    ],
  };
}

export function disputeWonPosting(p: TPaid, amountMinor: number, r: TRefs): TPosting {
  return {
    ...base(p, r),
    kind: 'dispute_won',
    lines: [
      { account: 'platform_cash', amountMinor },
      { account: 'disputes', amountMinor: -amountMinor },
    ],
  };
}

export function disputeLostPosting(p: TPaid, returnedBefore: number, amountMinor: number, r: TRefs): TPosting {
  const s = returnSplit(p, returnedBefore, amountMinor);
  return {
    ...base(p, r),
    kind: 'dispute_lost',
    lines: [
      { account: 'disputes', amountMinor: -amountMinor },
      { account: 'platform_commission', amountMinor: s.commissionMinor },
      { account: 'expert_payable', amountMinor: s.expertMinor },
    ],
  };
}

/** The expert's part of what was given back so far (refunds + lost disputes), split as the payment was. */
export function expertReturned(p: TPaid, returnedMinor: number): number {
  if (returnedMinor <= 0) return 0;
  return returnSplit(p, 0, returnedMinor).expertMinor;
}

/** The expert's share still owed: their part of the price less their part of what went back to the learner. */
export function expertDue(p: TPaid, returnedMinor: number): number {
  return p.amountMinor - p.commissionMinor - expertReturned(p, returnedMinor);
}

/** Integer percentage of an amount, rounded down (a refund never exceeds the policy's share). */
export function percentOf(amountMinor: number, percent: number): number {
  return Number((BigInt(amountMinor) * BigInt(Math.round(percent))) / 100n);
}
