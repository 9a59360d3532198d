import 'server-only';
import type { TPrivilegedTx } from '@/lib/db';

// Webhook event handlers by provider and type. The processor (lib/payments, issue #12) stores each event id
// once in payment_events and runs the handler in the same transaction, so effects happen exactly once.
// Modules register at start-up (lib/jobs/definitions.ts imports them): checkout/charge/dispute/transfer in the
// payments core, account.updated and payouts in the Connect/PayPal module.

export type TPaymentProvider = 'stripe' | 'stripe_connect' | 'paypal' | 'simulated';
export type TPaymentEvent = {
  id: string;
  type: string;
  livemode: boolean;
  account?: string | null;
  data: { object: Record<string, unknown> };
};
export type TPaymentEventHandler = (tx: TPrivilegedTx, event: TPaymentEvent, provider: TPaymentProvider) => Promise<void>;

const holder = globalThis as unknown as { __pathwisePaymentHandlers?: Map<string, TPaymentEventHandler[]> };
const handlers = () => (holder.__pathwisePaymentHandlers ??= new Map());

/** `type` is the event type ('checkout.session.completed', 'PAYMENT.PAYOUTS-ITEM.SUCCEEDED'). */
export function onPaymentEvent(type: string, handler: TPaymentEventHandler): void {
  const list = handlers().get(type) ?? [];
  if (!list.includes(handler)) list.push(handler);
  handlers().set(type, list);
}

export function paymentEventHandlers(type: string): TPaymentEventHandler[] {
  return handlers().get(type) ?? [];
}
