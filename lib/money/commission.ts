// Platform commission on a price, in integer minor units. Pure.
//
// commission = round_half_up(amount × percent_bp / 10 000) + fixed, capped at the amount; the expert's share is
// the rest. Rounding is done once, on the percentage part, in integer arithmetic (never a float), so the two
// parts always add up to the amount exactly, in any currency (JPY's 0 decimals and KWD's 3 are just integers).

export type TCommissionRule = { percentBp: number; fixedMinor: number };

export function commissionFor(amountMinor: number, rule: TCommissionRule): { commissionMinor: number; expertMinor: number } {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0)
    throw new RangeError(`amount must be a non-negative integer, got ${amountMinor}`);
  if (!Number.isInteger(rule.percentBp) || rule.percentBp < 0 || rule.percentBp > 10_000)
    throw new RangeError('percentBp must be 0..10000');
  if (!Number.isInteger(rule.fixedMinor) || rule.fixedMinor < 0) throw new RangeError('fixedMinor must be a non-negative integer');
  const scaled = BigInt(amountMinor) * BigInt(rule.percentBp);
  const pct = Number((scaled + 5000n) / 10_000n); // half up
  const commissionMinor = Math.min(amountMinor, pct + rule.fixedMinor);
  return { commissionMinor, expertMinor: amountMinor - commissionMinor };
}

/**
 * Splits a refund of `refundMinor` out of a payment the same way the payment was split, so a full refund returns
 * exactly the commission and the expert's share, and partial refunds never leave a negative remainder.
 */
export function splitRefund(
  paid: { amountMinor: number; commissionMinor: number },
  alreadyRefundedMinor: number,
  refundMinor: number,
): { commissionMinor: number; expertMinor: number } {
  if (refundMinor < 0 || alreadyRefundedMinor + refundMinor > paid.amountMinor) throw new RangeError('refund exceeds what was paid');
  // Commission share of the first n refunded units, floored, in BigInt so no product leaves the integers.
  const share = (n: number) => Number((BigInt(n) * BigInt(paid.commissionMinor)) / BigInt(Math.max(1, paid.amountMinor)));
  const before = share(alreadyRefundedMinor);
  const after = share(alreadyRefundedMinor + refundMinor);
  const commissionMinor = alreadyRefundedMinor + refundMinor === paid.amountMinor ? paid.commissionMinor - before : after - before;
  return { commissionMinor, expertMinor: refundMinor - commissionMinor };
}
