import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import type { TDb } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { enqueueJob } from '@/lib/jobs';
import { afterBookingChange } from './after-change';
import { bookingForActor } from './access';
import { HoldExpiredError } from './errors';
import { JOB_COMPLETE } from './job-names';
import { loadParticipants, notifyBoth } from './participants';
import { addEvent, afterSlotsChanged, expireLapsedHolds, ms } from './store';

/**
 * Simulated payment: the hold's learner confirms it while it is live. A lapsed hold is expired on the spot
 * and answers HoldExpiredError (410). Paying a confirmed booking again changes nothing.
 */
export async function payBooking(db: TDb, user: TSessionUser, id: string, opts: { now?: Date } = {}): Promise<void> {
  const now = opts.now ?? new Date();
  const outcome = await db.transaction(async (tx) => {
    const { row, role } = await bookingForActor(tx, user, id, { lock: true });
    if (role !== 'learner') throw new AppError('forbidden', 'Only the learner who holds this time pays for it.');
    if (row.status === 'confirmed') return { kind: 'already' as const, expertId: row.expert_id };
    if (row.status === 'expired') return { kind: 'expired' as const, expertId: row.expert_id };
    if (row.status !== 'held') throw new AppError('conflict', `This session is ${row.status.replace('_', ' ')} and cannot be paid.`);
    if (ms(row.hold_expires_at!) <= now.getTime()) {
      await tx.query("update public.bookings set status = 'expired' where id = $1", [id]);
      await addEvent(tx, id, 'expired', null, {});
      return { kind: 'lapsed' as const, expertId: row.expert_id };
    }
    const { rows } = await tx.query<typeof row>(
      `update public.bookings set status = 'confirmed', hold_expires_at = null, payment_status = 'paid', payment_mode = 'simulated', confirmed_at = $2
        where id = $1 returning *`,
      [id, now],
    );
    await addEvent(tx, id, 'confirmed', user.id, { paymentMode: 'simulated', priceMinor: row.price_minor, currency: row.currency });
    await enqueueJob(
      tx,
      JOB_COMPLETE,
      { bookingId: id },
      { startAfter: new Date(row.ends_at), singletonKey: `complete:${id}:${rows[0].sequence}` },
    );
    await notifyBoth(tx, rows[0], await loadParticipants(tx, row), 'confirmed');
    await afterBookingChange(tx, rows[0], 'confirmed');
    return { kind: 'confirmed' as const, expertId: row.expert_id };
  });
  if (outcome.kind === 'lapsed') await afterSlotsChanged(db, [outcome.expertId]);
  if (outcome.kind === 'lapsed' || outcome.kind === 'expired') throw new HoldExpiredError();
}

/** Job: a hold still held once its time is up becomes expired and its slot is free again. */
export async function expireHold(db: TDb, id: string, opts: { now?: Date } = {}): Promise<boolean> {
  const now = opts.now ?? new Date();
  const expertId = await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ expert_id: string }>(
      "update public.bookings set status = 'expired' where id = $1 and status = 'held' and hold_expires_at <= $2 returning expert_id",
      [id, now],
    );
    if (!rows[0]) return null;
    await addEvent(tx, id, 'expired', null, {});
    return rows[0].expert_id;
  });
  if (expertId) await afterSlotsChanged(db, [expertId]);
  return !!expertId;
}

/** Job: a confirmed session that has ended, with no no-show reported, becomes completed. */
export async function completeBooking(db: TDb, id: string, opts: { now?: Date } = {}): Promise<boolean> {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; sequence: number }>(
      `update public.bookings b set status = 'completed', completed_at = $2
        where b.id = $1 and b.status = 'confirmed' and b.ends_at <= $2
          and not exists (select 1 from public.no_show_reports r where r.booking_id = b.id)
        returning b.id, b.sequence`,
      [id, now],
    );
    if (!rows[0]) return false;
    await addEvent(tx, id, 'completed', null, {});
    await afterBookingChange(tx, rows[0], 'completed');
    return true;
  });
}

/**
 * The safety net run every minute: expires every lapsed hold and completes every ended session, so the
 * state converges even if a per-booking job was lost or is late.
 */
export async function sweepBookings(db: TDb, opts: { now?: Date } = {}): Promise<{ expired: number; completed: number }> {
  const now = opts.now ?? new Date();
  const expiredExperts = await db.transaction((tx) => expireLapsedHolds(tx, null, now));
  const { rows } = await db.query<{ id: string }>(
    `select b.id from public.bookings b where b.status = 'confirmed' and b.ends_at <= $1
        and not exists (select 1 from public.no_show_reports r where r.booking_id = b.id)
      order by b.ends_at limit 500`,
    [now],
  );
  let completed = 0;
  for (const r of rows) if (await completeBooking(db, r.id, { now })) completed++;
  await afterSlotsChanged(db, expiredExperts);
  return { expired: expiredExperts.length, completed };
}
