import 'server-only';
import { defineRecurringJob } from '@/lib/jobs';
import { publishDueReviews } from './publish-due-reviews';

export const PUBLISH_DUE_REVIEWS_JOB = 'reviews.publish-due';

/**
 * Publishes lone reviews whose window has closed, every 10 minutes, so the profile's average and the
 * directory move without waiting for someone to read the reviews (reading publishes them too).
 */
export function registerReviewJobs(): void {
  defineRecurringJob(PUBLISH_DUE_REVIEWS_JOB, 600, async ({ db }) => {
    await publishDueReviews(db);
  });
}
