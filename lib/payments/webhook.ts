import 'server-only';
import Stripe from 'stripe';
import type { TDb } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { logger } from '@/lib/log/logger';
import type { TPaymentEvent } from './event-handlers';
import { processPaymentEvent } from './process-event';

// Stripe signs the exact bytes it sent; anything parsed and re-serialised would not verify. 300 s is Stripe's
// documented default tolerance for the timestamp in the header (replays older than that are refused).
export const WEBHOOK_TOLERANCE_SECONDS = 300;
const MAX_BODY_BYTES = 512 * 1024;

export type TWebhookEndpoint = { provider: 'stripe' | 'stripe_connect'; secret: string | undefined; livemode: boolean };

/**
 * Verifies one delivery and processes it exactly once. 400 (and nothing stored) on a missing or bad signature,
 * an old timestamp or the wrong livemode; 200 for a duplicate; a handler failure is a 500, so Stripe retries.
 */
export async function receiveStripeWebhook(
  db: TDb,
  endpoint: TWebhookEndpoint,
  raw: string,
  signature: string | null,
): Promise<{ received: true; duplicate: boolean; type: string }> {
  if (!endpoint.secret) throw new AppError('not_found', 'Stripe webhooks are not configured on this server.');
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) throw new AppError('payload_too_large', 'Webhook body too large.');
  if (!signature) throw new AppError('invalid_input', 'Missing Stripe-Signature header.');
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(raw, signature, endpoint.secret, WEBHOOK_TOLERANCE_SECONDS);
  } catch (e) {
    logger().warn({ err: (e as Error).message, provider: endpoint.provider }, 'payments: webhook signature refused');
    throw new AppError('invalid_input', 'Webhook signature verification failed.');
  }
  if (event.livemode !== endpoint.livemode)
    throw new AppError('invalid_input', `This endpoint accepts ${endpoint.livemode ? 'live' : 'test'}-mode events only.`);
  const { duplicate } = await processPaymentEvent(db, endpoint.provider, event as unknown as TPaymentEvent);
  return { received: true, duplicate, type: event.type };
}
