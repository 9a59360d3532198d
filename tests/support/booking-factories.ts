import type { TQueryable } from '@/lib/db/types';

export type TBookingFactoryOptions = {
  status?: 'held' | 'confirmed' | 'cancelled' | 'expired' | 'completed' | 'no_show';
  /** When the session ended, relative to now, in hours (negative: in the past). */
  endedHoursAgo?: number;
  durationMinutes?: number;
  cancelledBy?: 'learner' | 'expert' | 'admin' | 'system' | null;
  /** For cancellations: how many hours before the start it was cancelled. */
  cancelledHoursBeforeStart?: number;
};

/**
 * Inserts a booking row directly (the booking flow lives in lib/booking); the times are computed from now so a
 * test never depends on the clock of another.
 */
export async function createBooking(
  db: TQueryable,
  expertId: string,
  learnerId: string | null,
  o: TBookingFactoryOptions = {},
): Promise<{ id: string; startsAt: Date; endsAt: Date }> {
  const duration = o.durationMinutes ?? 60;
  const endsAt = new Date(Date.now() - (o.endedHoursAgo ?? 24) * 3_600_000);
  const startsAt = new Date(endsAt.getTime() - duration * 60_000);
  const status = o.status ?? 'completed';
  const cancelledAt = o.cancelledBy ? new Date(startsAt.getTime() - (o.cancelledHoursBeforeStart ?? 48) * 3_600_000) : null;
  const { rows } = await db.query<{ id: string }>(
    `insert into public.bookings (expert_id, learner_id, starts_at, ends_at, duration_minutes, status, hold_expires_at, price_minor, currency,
                                  payment_status, cancelled_by, cancelled_at, completed_at, confirmed_at)
     values ($1, $2, $3, $4, $5, $6, $7, 5000, 'USD', 'paid', $8, $9, $10, $3::timestamptz - interval '3 days') returning id`,
    [
      expertId,
      learnerId,
      startsAt,
      endsAt,
      duration,
      status,
      status === 'held' ? new Date(Date.now() + 900_000) : null,
      o.cancelledBy ?? null,
      cancelledAt,
      status === 'completed' ? endsAt : null,
    ],
  );
  return { id: rows[0].id, startsAt, endsAt };
}

/** Moves a booking's times back by `days` (the review window closing, a strike leaving the window). */
export async function ageBooking(db: TQueryable, bookingId: string, days: number): Promise<void> {
  await db.query(
    `update public.bookings set starts_at = starts_at - make_interval(days => $2), ends_at = ends_at - make_interval(days => $2) where id = $1`,
    [bookingId, days],
  );
}

/** A no-show report where the expert was absent (reported by the learner), `hoursAgo` in the past. */
export async function reportExpertAbsent(db: TQueryable, bookingId: string, learnerId: string | null, hoursAgo = 1): Promise<void> {
  await db.query(`update public.bookings set status = 'no_show' where id = $1`, [bookingId]);
  await db.query(
    `insert into public.no_show_reports (booking_id, reporter_role, reporter_id, absent_role, created_at)
     values ($1, 'learner', $2, 'expert', now() - make_interval(hours => $3))`,
    [bookingId, learnerId, hoursAgo],
  );
}
