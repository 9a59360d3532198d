import 'server-only';
import { onBookingChange, type TBookingChangeJob } from '@/lib/booking/after-change';
import { defineJob } from '@/lib/jobs';
import { settlePackageBooking } from './settle';

export const JOB_PACKAGE_BOOKING_CHANGE = 'packages.booking-change';

let registered = false;

/** Settles credits after each booking change (lib/jobs/definitions.ts calls this before the runner starts). */
export function registerPackageJobs(): void {
  if (registered) return;
  registered = true;
  defineJob<TBookingChangeJob>(JOB_PACKAGE_BOOKING_CHANGE, async (data, { db }) => {
    await settlePackageBooking(db, data);
  });
  onBookingChange(JOB_PACKAGE_BOOKING_CHANGE);
}
