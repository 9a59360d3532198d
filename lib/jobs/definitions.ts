import 'server-only';
import { registerBookingJobs } from '@/lib/booking/jobs';
import { registerCalendarJobs } from '@/lib/calendar/jobs';
import { registerGenerationJobs } from '@/lib/curriculum/generation-job';
import { registerNextAvailableJob } from '@/lib/experts/refresh-next-available';
import { registerNotificationJobs } from '@/lib/notifications/deliver';
import { registerReminderJobs } from '@/lib/notifications/booking-reminders';
import { registerExpertPaymentHandlers } from '@/lib/payments/register-expert';
import { registerPackageJobs } from '@/lib/packages/jobs';
import { registerPaymentJobs } from '@/lib/payments/jobs';
import { registerReviewJobs } from '@/lib/reviews/register-jobs';
import { registerVideoJobs } from '@/lib/video/register-jobs';

// Every module that calls defineJob / defineRecurringJob, imported before a runner starts (the app's
// instrumentation and `npm run worker`), so a restarted process has a handler for each job waiting in
// the database even before any route has loaded that module. Add a line per job module.
registerBookingJobs();
registerCalendarJobs();
registerGenerationJobs();
registerNextAvailableJob();
registerNotificationJobs();
registerReminderJobs();
registerPackageJobs();
registerPaymentJobs();
registerReviewJobs();
registerVideoJobs();
registerExpertPaymentHandlers();
