import 'server-only';
import { randomUUID } from 'node:crypto';
import type { TSessionUser } from '@/lib/auth/schemas';
import type { TDb } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { startBookingCheckout } from './checkout';
import type { TPaymentEvent } from './event-handlers';
import { paymentsProvider } from './get-provider';
import { processPaymentEvent } from './process-event';
import { readPayment, type TPaymentRow } from './store';

// Test mode: the /pay/<id> page's Pay and Decline buttons produce the very event objects Stripe would send
// (checkout.session.completed, payment_intent.payment_failed) and feed them through the same processor, so the
// same state machine runs and the same ledger rows result (with no processor fee: there is none to take).

export function simulatedEvent(type: string, object: Record<string, unknown>): TPaymentEvent {
  return { id: `sim_evt_${randomUUID()}`, type, livemode: false, data: { object } };
}

export function simulatedCompleted(p: TPaymentRow): TPaymentEvent {
  const metadata = { payment_id: p.id, ...(p.booking_id ? { booking_id: p.booking_id } : {}) };
  return simulatedEvent('checkout.session.completed', {
    id: p.checkout_session_id ?? `sim_cs_${p.id}`,
    object: 'checkout.session',
    mode: 'payment',
    status: 'complete',
    payment_status: 'paid',
    payment_intent: `sim_pi_${p.id}`,
    amount_total: p.amount_minor,
    currency: p.currency.toLowerCase(),
    client_reference_id: p.id,
    metadata,
  });
}

export function simulatedDeclined(p: TPaymentRow): TPaymentEvent {
  return simulatedEvent('payment_intent.payment_failed', {
    id: `sim_pi_${p.id}`,
    object: 'payment_intent',
    status: 'requires_payment_method',
    amount: p.amount_minor,
    currency: p.currency.toLowerCase(),
    metadata: { payment_id: p.id },
    last_payment_error: { code: 'card_declined', message: 'Your card was declined (test mode).' },
  });
}

/** The learner pressed Pay or Decline on the test-mode page. */
export async function simulateCheckout(db: TDb, user: TSessionUser, paymentId: string, outcome: 'pay' | 'decline'): Promise<TPaymentRow> {
  if (paymentsProvider().mode !== 'simulated') throw new AppError('not_found', 'Test-mode payments are off: Stripe is configured.');
  const p = await readPayment(db, paymentId);
  if (!p || p.learner_id !== user.id || p.mode !== 'simulated')
    throw new AppError('not_found', 'This payment does not exist, or it is not yours.');
  if (p.status !== 'open') return p;
  await processPaymentEvent(db, 'simulated', outcome === 'pay' ? simulatedCompleted(p) : simulatedDeclined(p));
  return (await readPayment(db, paymentId))!;
}

/** Test and seed helper: hold → simulated checkout → paid, as a learner clicking through would. */
export async function paySimulated(db: TDb, user: TSessionUser, bookingId: string, opts: { now?: Date } = {}): Promise<void> {
  const start = await startBookingCheckout(db, user, bookingId, opts);
  if ('already' in start) return;
  await simulateCheckout(db, user, start.paymentId, 'pay');
}
