import 'server-only';

// The payment processor behind lib/payments: Stripe (real SDK) or the simulator (no key). Everything above this
// interface — the event processor, the state machine, the ledger — is the same for both, so test mode walks the
// same path as production. Amounts are integer minor units; currencies are upper-case ISO codes here (Stripe's
// lower-case ones are converted at the edge).

export type TCheckoutInput = {
  paymentId: string;
  bookingId: string | null;
  /** A package purchase's checkout names the purchase in its metadata (package_purchase_id). */
  packagePurchaseId?: string | null;
  amountMinor: number;
  currency: string;
  description: string;
  transferGroup: string;
  customerEmail: string | null;
  successUrl: string;
  cancelUrl: string;
  /** Unix seconds; Stripe refuses anything under 30 minutes ahead, so callers pass max(hold end, now + 30 min). */
  expiresAt: number;
  idempotencyKey: string;
};

/** What settles a payment: the PaymentIntent's charge and the processor's fee on it (null: not known). */
export type TChargeInfo = { paymentIntentId: string; chargeId: string; feeMinor: number | null; feeRef: string | null };

export type TCheckoutState = { paid: boolean; paymentIntentId: string | null };

export type TRefundInput = {
  chargeId: string;
  paymentIntentId: string | null;
  amountMinor: number;
  paymentId: string;
  reason: string;
  idempotencyKey: string;
};
export type TRefundResult = { id: string; amountMinor: number; status: string; chargeRefundedTotal: number | null };

export type TTransferInput = {
  paymentId: string;
  /** A package session's transfer names its booking (metadata booking_id); a single booking's leaves it null. */
  bookingId?: string | null;
  amountMinor: number;
  currency: string;
  destination: string;
  transferGroup: string;
  sourceTransaction: string | null;
  idempotencyKey: string;
};

export interface TPaymentsProvider {
  readonly mode: 'stripe' | 'simulated';
  createCheckout(input: TCheckoutInput): Promise<{ id: string; url: string }>;
  /** Re-reads a Checkout Session (order-tolerant handlers ask whether it was paid). */
  checkoutState(sessionId: string): Promise<TCheckoutState>;
  /** Ends an open Checkout Session; false when it can no longer be expired (it was paid meanwhile). */
  expireCheckout(sessionId: string): Promise<boolean>;
  chargeInfo(paymentIntentId: string): Promise<TChargeInfo>;
  /** The payment id a PaymentIntent was created for (its metadata), for events that name only the intent. */
  paymentIdOfIntent(paymentIntentId: string): Promise<string | null>;
  refund(input: TRefundInput): Promise<TRefundResult>;
  transfer(input: TTransferInput): Promise<{ id: string }>;
  reverseTransfer(transferId: string, amountMinor: number, idempotencyKey: string): Promise<{ id: string }>;
}

const holder = globalThis as unknown as { __pathwisePaymentsProvider?: TPaymentsProvider | null };

/** Tests swap the provider (a Stripe client pointed at the fake server); null restores the env's choice. */
export function setPaymentsProviderForTests(p: TPaymentsProvider | null): void {
  holder.__pathwisePaymentsProvider = p;
}

export function overriddenProvider(): TPaymentsProvider | null {
  return holder.__pathwisePaymentsProvider ?? null;
}
