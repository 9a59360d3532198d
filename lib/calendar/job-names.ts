// The calendar jobs' names (lib/calendar/jobs.ts registers them).
export const JOB_CALENDAR_SYNC = 'calendar.sync';
export const JOB_CALENDAR_SYNC_ALL = 'calendar.sync-all';
export const JOB_CALENDAR_BOOKING_EVENT = 'calendar.booking-event';
