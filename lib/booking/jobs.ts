import 'server-only';
import { defineJob, defineRecurringJob } from '@/lib/jobs';
import { JOB_COMPLETE, JOB_EXPIRE_HOLD, JOB_SWEEP } from './job-names';
import { completeBooking, expireHold, sweepBookings } from './lifecycle';

let registered = false;

/**
 * Registers the booking jobs with the queue (call once where the job runner starts, before startJobRunner):
 * hold expiry and completion per booking, and a sweep every 60 s that converges the state even without them.
 */
export function registerBookingJobs(opts: { sweep?: boolean } = {}): void {
  if (registered) return;
  registered = true;
  defineJob<{ bookingId: string }>(JOB_EXPIRE_HOLD, async (data, { db }) => {
    await expireHold(db, data.bookingId);
  });
  defineJob<{ bookingId: string }>(JOB_COMPLETE, async (data, { db }) => {
    await completeBooking(db, data.bookingId);
  });
  // Tests of the per-booking jobs leave the sweep out, so only those jobs can move the state.
  if (opts.sweep === false) return;
  defineRecurringJob(JOB_SWEEP, 60, async ({ db }) => {
    await sweepBookings(db);
  });
}
