import 'server-only';
import type { TQueryable } from '@/lib/db';
import { enqueueJob } from '@/lib/jobs';

/**
 * What happened to a booking, for the modules that act on it outside the booking's own transaction:
 * calendars (create/patch/delete the event), video (meeting links), notifications, payments (transfer
 * after completion, refund on cancel).
 */
export type TBookingChange = 'confirmed' | 'rescheduled' | 'cancelled' | 'completed' | 'no_show';
export type TBookingChangeJob = { bookingId: string; change: TBookingChange; sequence: number };

// Listener job names, registered at start-up next to each module's defineJob (lib/jobs/definitions.ts runs
// them all). On globalThis for the same reason as the jobs registry: one list across Next's module graphs.
const holder = globalThis as unknown as { __pathwiseBookingListeners?: Set<string> };
const listeners = () => (holder.__pathwiseBookingListeners ??= new Set());

/** A module asks for `jobName` to run (with TBookingChangeJob data) after every booking change. */
export function onBookingChange(jobName: string): void {
  listeners().add(jobName);
}

/**
 * Called inside the transaction that changed the booking: queues one job per listener, so each effect is
 * retried on its own and none runs unless the change commits. One job per booking, change and sequence.
 */
export async function afterBookingChange(tx: TQueryable, b: { id: string; sequence: number }, change: TBookingChange): Promise<void> {
  for (const name of listeners()) {
    const data: TBookingChangeJob = { bookingId: b.id, change, sequence: b.sequence };
    await enqueueJob(tx, name, data, { singletonKey: `${name}:${b.id}:${change}:${b.sequence}` });
  }
}
