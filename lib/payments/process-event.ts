import 'server-only';
import type { TDb } from '@/lib/db';
import { paymentEventHandlers, type TPaymentEvent, type TPaymentProvider } from './event-handlers';
import { registerPaymentHandlers } from './handlers';

/**
 * Exactly once: the event id goes into payment_events and the handlers run in the same transaction. A second
 * delivery (concurrent or later) finds the id and does nothing; a handler that throws rolls the insert back too,
 * so the processor's retry runs it again. Handlers are idempotent and order-tolerant on top of that.
 */
export async function processPaymentEvent(db: TDb, provider: TPaymentProvider, event: TPaymentEvent): Promise<{ duplicate: boolean }> {
  registerPaymentHandlers();
  return db.transaction(async (tx) => {
    const obj = event.data?.object ?? {};
    const { rows } = await tx.query(
      `insert into public.payment_events (id, provider, type, livemode, object_id, payload) values ($1, $2, $3, $4, $5, $6)
       on conflict (id) do nothing returning id`,
      [event.id, provider, event.type, !!event.livemode, typeof obj.id === 'string' ? obj.id : null, JSON.stringify(event)],
    );
    if (!rows.length) return { duplicate: true };
    for (const handle of paymentEventHandlers(event.type)) await handle(tx, event, provider);
    await tx.query('update public.payment_events set processed_at = now() where id = $1', [event.id]);
    return { duplicate: false };
  });
}
