import 'server-only';
import { z } from 'zod';
import { env } from '@/lib/config';
import type { TDb } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { paymentEventHandlers, type TPaymentEvent, type TPaymentProvider } from '../event-handlers';
import { paypalRequest } from './client';

// POST /api/webhooks/paypal: the signature is checked by PayPal itself (POST /v1/notifications/verify-webhook-signature
// with the transmission headers, our webhook id and the event as received); then the event id is stored once in
// payment_events (provider 'paypal') and its handlers run in the same transaction, so a redelivery changes nothing.

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
  const objectId = String(resource.payout_item_id ?? resource.id ?? '') || null;
  const duplicate = !(await applyPaymentEventOnce(db, 'paypal', normalized, raw, objectId));
  return { id, type, duplicate };
}

/**
 * Stores the event id once in payment_events and, in the same transaction, runs its handlers and marks it
 * processed; a second delivery (or a concurrent one, which waits on the first's row) finds the id and does
 * nothing. A handler that throws rolls the whole event back, so the provider's retry applies it later.
 * Returns true when this call applied the event.
 */
export async function applyPaymentEventOnce(
  db: TDb,
  provider: TPaymentProvider,
  event: TPaymentEvent,
  raw: string,
  objectId: string | null,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query(
      `insert into public.payment_events (id, provider, type, livemode, object_id, payload) values ($1, $2, $3, $4, $5, $6::jsonb)
       on conflict (id) do nothing returning id`,
      [event.id, provider, event.type, event.livemode, objectId, raw],
    );
    if (!rows.length) return false;
    for (const handler of paymentEventHandlers(event.type)) await handler(tx, event, provider);
    await tx.query('update public.payment_events set processed_at = now() where id = $1', [event.id]);
    return true;
  });
}
