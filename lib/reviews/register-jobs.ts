import 'server-only';
import { defineRecurringJob } from '@/lib/jobs';
import { publishDueReviews } from './publish-due-reviews';

/** Publishes reviews whose window closed every 5 minutes, whether or not anyone reads them (call once at start-up). */
export function registerReviewJobs(): void {
  defineRecurringJob('reviews.publish-due', 300, async ({ db }) => {
    await publishDueReviews(db);
  });
}
