import 'server-only';
import { z } from 'zod';
import { env } from '@/lib/config';
import type { TDb } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import type { TPaymentEvent } from '../event-handlers';
import { processPaymentEvent } from '../process-event';
import { paypalRequest } from './client';

// POST /api/webhooks/paypal: the signature is checked by PayPal itself (POST /v1/notifications/verify-webhook-signature
// with the transmission headers, our webhook id and the event as received); then the event id is stored once in
// payment_events (provider 'paypal') and its handlers run in the same transaction by the payments core's processor,
// so a redelivery changes nothing.

const HEADERS = [
  'paypal-auth-algo',
  'paypal-cert-url',
  'paypal-transmission-id',
  'paypal-transmission-sig',
  'paypal-transmission-time',
] as const;

const ZPaypalEvent = z.object({
  id: z.string().min(1).max(200),
  event_type: z.string().min(1).max(200),
  resource: z.record(z.string(), z.unknown()).default({}),
});

export type TPaypalWebhookResult = { id: string; type: string; duplicate: boolean };

const refused = () => new AppError('invalid_input', 'Webhook signature could not be verified.');

export async function verifyPaypalSignature(headers: Headers, event: unknown): Promise<boolean> {
  const h = Object.fromEntries(HEADERS.map((k) => [k, headers.get(k)]));
  if (HEADERS.some((k) => !h[k])) return false;
  const { json } = await paypalRequest<{ verification_status?: string }>('POST', '/v1/notifications/verify-webhook-signature', {
    auth_algo: h['paypal-auth-algo'],
    cert_url: h['paypal-cert-url'],
    transmission_id: h['paypal-transmission-id'],
    transmission_sig: h['paypal-transmission-sig'],
    transmission_time: h['paypal-transmission-time'],
    webhook_id: env().PAYPAL_WEBHOOK_ID,
    webhook_event: event,
  });
  return json.verification_status === 'SUCCESS';
}

export async function handlePaypalWebhook(db: TDb, headers: Headers, raw: string): Promise<TPaypalWebhookResult> {
  if (!env().PAYPAL_WEBHOOK_ID) throw new AppError('not_found', 'PayPal payouts are not configured.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new AppError('invalid_input', 'The body is not JSON.');
  }
  const event = ZPaypalEvent.safeParse(parsed);
  if (!event.success) throw new AppError('invalid_input', 'Not a PayPal webhook event.');
  if (!(await verifyPaypalSignature(headers, parsed))) throw refused();
  const { id, event_type: type, resource } = event.data;
  const normalized: TPaymentEvent = {
    id,
    type,
    livemode: !env().PAYPAL_API_BASE.includes('sandbox'),
    account: null,
    data: { object: resource },
  };
  const { duplicate } = await processPaymentEvent(db, 'paypal', normalized);
  return { id, type, duplicate };
}
