import 'server-only';
import { onBookingChange, type TBookingChangeJob } from '@/lib/booking/after-change';
import { bookingNotice, loadParticipants, recipientsOf } from '@/lib/booking/participants';
import type { TBookingRow } from '@/lib/booking/store';
import type { TDb, TPrivilegedTx } from '@/lib/db';
import { defineJob, enqueueJob } from '@/lib/jobs';
import { notifyEvent } from './notify-event';

// Session reminders, 24 h and 1 h before the start (docs/notifications.md, "Reminders").
// - On every booking change the listener job `notifications.booking-changed` runs (lib/booking/after-change.ts);
//   for a confirmation or a reschedule it queues one `notifications.booking-reminder` job per reminder, due at
//   the start instant minus 24 h / 1 h. Instants are UTC, so "24 h before" is 24 hours of absolute time whatever
//   DST does in either participant's zone; each person's text shows the start in their own zone.
// - Every reminder carries the booking's `sequence`; a reschedule or cancel bumps it, so a reminder of an older
//   sequence (or of a booking no longer confirmed) finds it superseded and sends nothing.

export const BOOKING_CHANGED_JOB = 'notifications.booking-changed';
export const REMINDER_JOB = 'notifications.booking-reminder';

export const REMINDERS = [
  { kind: 'reminder_24h', beforeMs: 24 * 3_600_000 },
  { kind: 'reminder_1h', beforeMs: 3_600_000 },
] as const;
export type TReminderKind = (typeof REMINDERS)[number]['kind'];
export type TReminderJob = { bookingId: string; kind: TReminderKind; sequence: number };

/** The reminders still ahead for a session starting at `start`: `start − 24 h` and `start − 1 h`, in absolute time. */
export function reminderTimes(start: Date, now: Date): { kind: TReminderKind; at: Date }[] {
  return REMINDERS.map((r) => ({ kind: r.kind, at: new Date(start.getTime() - r.beforeMs) })).filter((r) => r.at.getTime() > now.getTime());
}

/** Queues the reminders of a confirmed booking at this sequence (idempotent: one job per booking, kind and sequence). */
export async function scheduleReminders(
  tx: TPrivilegedTx,
  b: Pick<TBookingRow, 'id' | 'starts_at' | 'sequence'>,
  now = new Date(),
): Promise<number> {
  const due = reminderTimes(new Date(b.starts_at), now);
  for (const r of due) {
    const data: TReminderJob = { bookingId: b.id, kind: r.kind, sequence: b.sequence };
    await enqueueJob(tx, REMINDER_JOB, data, { startAfter: r.at, singletonKey: `${b.id}:${r.kind}:${b.sequence}` });
  }
  return due.length;
}

export async function onBookingChanged(db: TDb, data: TBookingChangeJob, now = new Date()): Promise<number> {
  if (data.change !== 'confirmed' && data.change !== 'rescheduled') return 0;
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<TBookingRow>('select * from public.bookings where id = $1', [data.bookingId]);
    const b = rows[0];
    if (!b || b.status !== 'confirmed' || b.sequence !== data.sequence) return 0; // superseded since
    return scheduleReminders(tx, b, now);
  });
}

/** Sends one reminder to both participants, unless the booking moved, was cancelled or is no longer confirmed. */
export async function sendReminder(db: TDb, data: TReminderJob): Promise<'sent' | 'superseded'> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<TBookingRow>('select * from public.bookings where id = $1 for share', [data.bookingId]);
    const b = rows[0];
    if (!b || b.status !== 'confirmed' || b.sequence !== data.sequence) return 'superseded';
    const p = await loadParticipants(tx, b);
    for (const r of recipientsOf(b, p)) await notifyEvent(tx, bookingNotice(b, p, r, data.kind));
    return 'sent';
  });
}

let registered = false;
export function registerReminderJobs(): void {
  if (registered) return;
  registered = true;
  defineJob<TBookingChangeJob>(BOOKING_CHANGED_JOB, async (data, { db }) => {
    await onBookingChanged(db, data);
  });
  defineJob<TReminderJob>(REMINDER_JOB, async (data, { db }) => {
    await sendReminder(db, data);
  });
  onBookingChange(BOOKING_CHANGED_JOB);
}
