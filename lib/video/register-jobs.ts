import 'server-only';
import { onBookingChange, type TBookingChangeJob } from '@/lib/booking/after-change';
import { defineJob, defineRecurringJob } from '@/lib/jobs';
import { syncMeeting } from './meeting-sync';
import { deleteExpiredRecordings } from './recordings';

export const JOB_MEETING_SYNC = 'video.meeting-sync';
export const JOB_RECORDING_RETENTION = 'video.recording-retention';

let registered = false;

/**
 * The video jobs: a meeting link kept in line with each booking change (Zoom), and the recording retention
 * sweep every hour (RECORDING_RETENTION_DAYS).
 */
export function registerVideoJobs(): void {
  if (registered) return;
  registered = true;
  defineJob<TBookingChangeJob>(JOB_MEETING_SYNC, async (data, { db }) => {
    await syncMeeting(db, data.bookingId);
  });
  onBookingChange(JOB_MEETING_SYNC);
  defineRecurringJob(JOB_RECORDING_RETENTION, 3600, async ({ db }) => {
    await deleteExpiredRecordings(db);
  });
}
