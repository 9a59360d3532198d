import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import type { TDb, TPrivilegedTx } from '@/lib/db';
import { lockUntilCommit } from '@/lib/db/transaction-lock';
import { AppError } from '@/lib/http/app-error';
import { enqueueJob } from '@/lib/jobs';
import { afterBookingChange } from './after-change';
import { bookingForActor } from './access';
import { HoldExpiredError } from './errors';
import { JOB_COMPLETE } from './job-names';
import { loadParticipants, notifyBoth } from './participants';
import { addEvent, afterSlotsChanged, expireLapsedHolds, lockBooking, ms, type TBookingRow } from './store';

/**
 * A payment for this booking settled (lib/payments, inside the event's transaction, the booking locked): a held
 * booking — even one whose hold time has just run out, since it still owns the slot — becomes confirmed, with the
 * completion job, both sides told and the booking listeners queued. An expired or cancelled booking is revived
 * only if nothing else took its time meanwhile (the exclusion constraint decides); otherwise 'lost' and the
 * caller refunds. 'already' when it was confirmed before.
 */
export async function confirmPaidBooking(
  tx: TPrivilegedTx,
  id: string,
  o: {
    now?: Date;
    paymentMode: 'simulated' | 'stripe';
    /** The payments row that paid it; null when a package credit paid it (packagePurchaseId says which). */
    paymentId: string | null;
    packagePurchaseId?: string;
  },
): Promise<'confirmed' | 'already' | 'lost'> {
  const now = o.now ?? new Date();
  const row = await lockBooking(tx, id);
  if (!row) return 'lost';
  if (['confirmed', 'completed', 'no_show'].includes(row.status)) return 'already';
  if (row.status === 'cancelled') return 'lost';
  if (row.status !== 'held') {
    // Late payment: the hold lapsed. Take the slot back if it is still free, in a savepoint so a conflict
    // (SQLSTATE 23P01) leaves the rest of the event's transaction intact.
    await lockUntilCommit(tx, 'expert-bookings', row.expert_id);
    await tx.query('savepoint revive_booking');
    try {
      await tx.query("update public.bookings set status = 'held' where id = $1", [id]);
      await tx.query('release savepoint revive_booking');
    } catch (e) {
      await tx.query('rollback to savepoint revive_booking');
      if ((e as { code?: string }).code === '23P01') return 'lost';
      throw e;
    }
  }
  const { rows } = await tx.query<TBookingRow>(
    `update public.bookings set status = 'confirmed', hold_expires_at = null, payment_status = 'paid', payment_mode = $3, confirmed_at = $2
      where id = $1 returning *`,
    [id, now, o.paymentMode],
  );
  await addEvent(tx, id, 'confirmed', row.learner_id, {
    paymentMode: o.packagePurchaseId ? 'package' : o.paymentMode,
    paymentId: o.paymentId,
    ...(o.packagePurchaseId ? { packagePurchaseId: o.packagePurchaseId } : {}),
    priceMinor: row.price_minor,
    currency: row.currency,
    ...(row.status !== 'held' ? { late: true } : {}),
  });
  await enqueueJob(
    tx,
    JOB_COMPLETE,
    { bookingId: id },
    { startAfter: new Date(row.ends_at), singletonKey: `complete:${id}:${rows[0].sequence}` },
  );
  await notifyBoth(tx, rows[0], await loadParticipants(tx, row), 'confirmed');
  await afterBookingChange(tx, rows[0], 'confirmed');
  // A held slot was taken already; a revived one was free again and is taken now.
  if (row.status !== 'held') tx.afterCommit(() => void afterSlotsChangedLater(row.expert_id));
  return 'confirmed';
}

// After the commit: the slot's watchers and the directory's "Next:" (needs the db, not the finished transaction).
async function afterSlotsChangedLater(expertId: string): Promise<void> {
  const { getDb } = await import('@/lib/db');
  await afterSlotsChanged(await getDb(), [expertId]);
}

/** A payment failed or its checkout ended: a hold still held is released at once (status expired). */
export async function releaseUnpaidHold(tx: TPrivilegedTx, id: string, reason: string): Promise<string | null> {
  const { rows } = await tx.query<{ expert_id: string }>(
    "update public.bookings set status = 'expired' where id = $1 and status = 'held' returning expert_id",
    [id],
  );
  if (!rows[0]) return null;
  await addEvent(tx, id, 'expired', null, { reason });
  tx.afterCommit(() => void afterSlotsChangedLater(rows[0].expert_id));
  return rows[0].expert_id;
}

/** The hold is live and the caller is its learner (before a checkout starts); 410 once it lapsed. */
export async function assertPayableHold(
  db: TDb,
  user: TSessionUser,
  id: string,
  opts: { now?: Date } = {},
): Promise<TBookingRow | 'already'> {
  const now = opts.now ?? new Date();
  const outcome = await db.transaction(async (tx) => {
    const { row, role } = await bookingForActor(tx, user, id, { lock: true });
    if (role !== 'learner') throw new AppError('forbidden', 'Only the learner who holds this time pays for it.');
    if (row.status === 'confirmed') return { kind: 'already' as const, row };
    if (row.status === 'expired') return { kind: 'expired' as const, row };
    if (row.status !== 'held') throw new AppError('conflict', `This session is ${row.status.replace('_', ' ')} and cannot be paid.`);
    if (ms(row.hold_expires_at!) <= now.getTime()) {
      await tx.query("update public.bookings set status = 'expired' where id = $1", [id]);
      await addEvent(tx, id, 'expired', null, {});
      return { kind: 'lapsed' as const, row };
    }
    return { kind: 'live' as const, row: row as TBookingRow };
  });
  if (outcome.kind === 'lapsed') await afterSlotsChanged(db, [outcome.row.expert_id]);
  if (outcome.kind === 'lapsed' || outcome.kind === 'expired') throw new HoldExpiredError();
  return outcome.kind === 'already' ? 'already' : outcome.row;
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
