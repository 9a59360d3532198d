// The pure rules of session packages, in integer minor units (never a float), for any currency: JPY's 0 and
// KWD's 3 decimals are just integers here. No I/O; lib/packages' writes and the UI both use these.
//
// - Price: per-session price × N, less the discount (basis points), rounded half up once, on the whole.
// - Pro-rata: session k (0-based, in the order sessions are delivered) is worth floor(P·(k+1)/N) − floor(P·k/N);
//   the N shares add up to P exactly, and any prefix of them to floor(P·k/N). The commission follows the price's
//   prefix (commissionPrefix), so each delivered session carries its own commission and the expert's share is
//   the rest, never negative.
// - Refund of unused: the shares not yet consumed, P − floor(P·consumed/N), where consumed counts credits that
//   are booked, delivered or forfeited. Those later shares are always the ones still unpaid to the expert.

const big = BigInt;

function assertMinor(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer, got ${n}`);
}
function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`session count must be a positive integer, got ${n}`);
}

/** The whole package's price: perSession × count × (1 − discount), half up. */
export function packagePriceMinor(perSessionMinor: number, count: number, discountBp: number): number {
  assertMinor(perSessionMinor, 'per-session price');
  assertCount(count);
  if (!Number.isInteger(discountBp) || discountBp < 0 || discountBp > 10_000) throw new RangeError('discount must be 0..10000 bp');
  const full = big(perSessionMinor) * big(count);
  return Number((full * big(10_000 - discountBp) + 5_000n) / 10_000n);
}

/** What one session costs in the package (floored average) and what it saves against buying it alone. */
export function perSessionSaving(
  perSessionMinor: number,
  count: number,
  priceMinor: number,
): { perSessionInPackageMinor: number; savingPerSessionMinor: number; savingTotalMinor: number } {
  assertMinor(perSessionMinor, 'per-session price');
  assertMinor(priceMinor, 'package price');
  assertCount(count);
  const perSessionInPackageMinor = Math.floor(priceMinor / count);
  const savingTotalMinor = Math.max(0, perSessionMinor * count - priceMinor);
  return { perSessionInPackageMinor, savingPerSessionMinor: Math.floor(savingTotalMinor / count), savingTotalMinor };
}

/** Prefix sum of the pro-rata shares: what the first `k` of `count` sessions are worth out of `total`. */
export function prefixShare(totalMinor: number, count: number, k: number): number {
  assertMinor(totalMinor, 'total');
  assertCount(count);
  if (!Number.isInteger(k) || k < 0 || k > count) throw new RangeError(`k must be 0..${count}, got ${k}`);
  return Number((big(totalMinor) * big(k)) / big(count));
}

/** The k-th session's share (0-based) of `total` split over `count` sessions. */
export function sessionShare(totalMinor: number, count: number, k: number): number {
  if (!Number.isInteger(k) || k < 0 || k >= count) throw new RangeError(`k must be 0..${count - 1}, got ${k}`);
  return prefixShare(totalMinor, count, k + 1) - prefixShare(totalMinor, count, k);
}

/** The k-th delivered session of a purchase: its price, the platform's commission on it and the expert's share. */
export function sessionSplit(
  p: { priceMinor: number; commissionMinor: number; count: number },
  k: number,
): { amountMinor: number; commissionMinor: number; expertMinor: number } {
  if (p.commissionMinor > p.priceMinor) throw new RangeError('commission exceeds the price');
  const amountMinor = sessionShare(p.priceMinor, p.count, k);
  const commissionMinor = commissionPrefix(p, k + 1) - commissionPrefix(p, k);
  return { amountMinor, commissionMinor, expertMinor: amountMinor - commissionMinor };
}

/**
 * Commission carried by the first k sessions: floor(C · A_k / P), where A_k is their price. It follows the
 * price's own prefix, so each step is between 0 and that session's price (the expert's share is never negative,
 * which a separate pro-rata split of C could break: P=3, C=2, N=5 gives session 2 a price of 0 and a commission
 * of 1), and at k = N it is exactly C.
 */
export function commissionPrefix(p: { priceMinor: number; commissionMinor: number; count: number }, k: number): number {
  if (p.priceMinor === 0) return 0;
  return Number((big(p.commissionMinor) * big(prefixShare(p.priceMinor, p.count, k))) / big(p.priceMinor));
}

/** Refund for every credit not consumed (not booked, delivered or forfeited), and what it leaves. */
export function unusedRefund(p: { priceMinor: number; count: number }, consumed: number): { refundMinor: number; sessions: number } {
  if (!Number.isInteger(consumed) || consumed < 0 || consumed > p.count) throw new RangeError('consumed must be 0..count');
  return { refundMinor: p.priceMinor - prefixShare(p.priceMinor, p.count, consumed), sessions: p.count - consumed };
}

export type TCreditState = { count: number; used: number; refunded: number };

/** Credits a learner can still book with. */
export function creditsLeft(s: TCreditState): number {
  return Math.max(0, s.count - s.used - s.refunded);
}

/**
 * A cancelled booking paid with a credit: the credit comes back only when the booking policy would have
 * refunded the session in full (learner ≥ full_refund_hours ahead, the expert, an admin); otherwise it is
 * forfeited and counts as delivered, so the expert is paid their share as for a late-cancelled paid session.
 * A credit is a whole session, so a partial refund percent forfeits it too (documented in docs/payments.md).
 */
export function creditOnCancel(refundPercent: number | null): 'returned' | 'forfeited' {
  return refundPercent === 100 ? 'returned' : 'forfeited';
}

/** Unused credits are refundable until refund_until (paid_at + the package's refund window). */
export function canRefundUnused(p: { status: string; refundUntil: Date | null } & TCreditState, nowMs: number): boolean {
  return p.status === 'active' && !!p.refundUntil && nowMs <= p.refundUntil.getTime() && creditsLeft(p) > 0;
}

/**
 * What the unused credits are still worth as a refund: P − ⌊P·used/N⌋ less what refunds already returned. This is
 * the policy's cap on any refund of a package payment (an admin's included): sessions booked, delivered or
 * forfeited are not refunded as money. With nothing used it is everything not yet refunded.
 */
export function unusedValueMinor(p: { priceMinor: number; count: number; used: number; refundedMinor: number }): number {
  return Math.max(0, unusedRefund({ priceMinor: p.priceMinor, count: p.count }, p.used).refundMinor - p.refundedMinor);
}

/**
 * The credits a refund of `amountMinor` voids: every unused credit when it pays their whole remaining value (a
 * full refund), otherwise ⌊amount / per-session price⌋ with the per-session price ⌊P/N⌋, never more than are
 * unused. A refund under one session's price voids none (a goodwill refund: the credits stay bookable).
 */
export function creditsVoidedBy(
  p: { priceMinor: number; count: number; used: number; refunded: number; refundedMinor: number },
  amountMinor: number,
): number {
  const unused = creditsLeft({ count: p.count, used: p.used, refunded: p.refunded });
  if (unused === 0 || amountMinor <= 0) return 0;
  if (amountMinor >= unusedValueMinor(p)) return unused;
  const each = Math.floor(p.priceMinor / p.count);
  return each === 0 ? unused : Math.min(unused, Math.floor(amountMinor / each));
}
