import 'server-only';
import { completeBooking } from '@/lib/booking/lifecycle';
import type { TDb } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { onPaymentsBookingChange } from './jobs';

// The test clock (TEST_CLOCK=1, tests only; like Stripe's test clocks): a session completes as if its end had
// passed, by the same code production runs when it ends — completeBooking with `now` one minute after the end (what
// the booking's completion job and sweepBookings do), then the payments listener of the 'completed' change (what the
// queued payments.booking-change job runs: the transfer of the expert's share). That job is also queued by the
// completion, as in production, and finds the transfer done (runTransfer is idempotent per payment).

export type TTestClockResult = { bookingId: string; completedAt: string; transferStatus: string[] };

export async function completeWithTestClock(db: TDb, bookingId: string): Promise<TTestClockResult> {
  const { rows } = await db.query<{ ends_at: Date; status: string }>('select ends_at, status from public.bookings where id = $1', [
    bookingId,
  ]);
  const b = rows[0];
  if (!b) throw new AppError('not_found', 'No such booking.');
  const now = new Date(new Date(b.ends_at).getTime() + 60_000);
  if (!(await completeBooking(db, bookingId, { now })))
    throw new AppError('conflict', `Only a confirmed session without a no-show report can complete (this one is ${b.status}).`);
  const { rows: after } = await db.query<{ sequence: number }>('select sequence from public.bookings where id = $1', [bookingId]);
  // runTransfer reads no clock: the same call the job makes.
  await onPaymentsBookingChange(db, { bookingId, change: 'completed', sequence: after[0].sequence });
  const { rows: pays } = await db.query<{ transfer_status: string }>(
    'select transfer_status from public.payments where booking_id = $1 and charge_id is not null order by created_at',
    [bookingId],
  );
  return { bookingId, completedAt: now.toISOString(), transferStatus: pays.map((p) => p.transfer_status) };
}
