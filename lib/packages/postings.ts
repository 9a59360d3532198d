import type { TLedgerLine } from '@/lib/payments/ledger';
import { commissionPrefix, prefixShare, sessionSplit } from './pricing';

// The lines of a package's ledger postings, pure (money.ts writes them; the property test drives them directly).
// Positive = debit; each set sums to zero. Same accounts and shapes as the payments core's bookings.

export type TPackagePaid = { amountMinor: number; commissionMinor: number; count: number };

/** At purchase: the cash, the platform's commission, and the expert's share owed until sessions happen. */
export function chargeLines(p: TPackagePaid): TLedgerLine[] {
  return [
    { account: 'platform_cash', amountMinor: p.amountMinor },
    { account: 'platform_commission', amountMinor: -p.commissionMinor },
    { account: 'expert_payable', amountMinor: -(p.amountMinor - p.commissionMinor) },
  ];
}

/** Delivered session k: its expert share leaves the platform. */
export function transferLines(p: TPackagePaid, k: number): { lines: TLedgerLine[]; expertMinor: number } {
  const { expertMinor } = sessionSplit({ priceMinor: p.amountMinor, commissionMinor: p.commissionMinor, count: p.count }, k);
  return {
    expertMinor,
    lines: [
      { account: 'expert_payable', amountMinor: expertMinor },
      { account: 'platform_cash', amountMinor: -expertMinor },
    ],
  };
}

/**
 * Refund of `refundMinor` for the unused sessions when `used` credits are consumed: the commission the undelivered
 * sessions carry (C − commissionPrefix(used)) less what refunds already returned, and the rest from the expert's
 * owed share.
 */
export function refundLines(p: TPackagePaid, used: number, refundMinor: number, commissionRefundedBefore: number): TLedgerLine[] {
  const commission =
    p.commissionMinor -
    commissionPrefix({ priceMinor: p.amountMinor, commissionMinor: p.commissionMinor, count: p.count }, used) -
    commissionRefundedBefore;
  return [
    { account: 'platform_cash', amountMinor: -refundMinor },
    { account: 'platform_commission', amountMinor: commission },
    { account: 'expert_payable', amountMinor: refundMinor - commission },
  ];
}

/**
 * A refund of `refundMinor` that voids `k` of the unused credits, not all of them. Refunded credits take the last
 * shares of the pro-rata split (delivered sessions take the first ones, in delivery order), so the voided shares are
 * N−f−k … N−f−1 (f: credits refunded before). expert_payable gives back exactly the expert's part of those shares —
 * what their transfers would have paid — and the platform's commission line takes the difference (it pays a goodwill refund that voids nothing; it keeps the
 * few minor units by which ⌊refund / per-session price⌋ credits can be worth more than the refund), so
 * expert_payable still ends at zero once every credit is used or refunded.
 */
export function partialRefundLines(p: TPackagePaid, refundedCreditsBefore: number, k: number, refundMinor: number): TLedgerLine[] {
  const top = p.count - refundedCreditsBefore;
  const pc = { priceMinor: p.amountMinor, commissionMinor: p.commissionMinor, count: p.count };
  const price = prefixShare(p.amountMinor, p.count, top) - prefixShare(p.amountMinor, p.count, top - k);
  const commission = commissionPrefix(pc, top) - commissionPrefix(pc, top - k);
  const expert = price - commission;
  return [
    { account: 'platform_cash', amountMinor: -refundMinor },
    { account: 'platform_commission', amountMinor: refundMinor - expert },
    { account: 'expert_payable', amountMinor: expert },
  ];
}
