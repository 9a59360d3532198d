import { z } from 'zod';

// Shared by the review forms and the route handlers: the same schema on both sides.

export const ZReviewInput = z.object({
  bookingId: z.uuid('Is not a valid session.'),
  /** The learner's rating; the expert's private feedback has none. */
  rating: z.number().int('Pick a whole number of stars.').min(1, 'Pick 1 to 5 stars.').max(5, 'Pick 1 to 5 stars.').nullable().optional(),
  body: z.string().trim().min(3, 'Write a few words.').max(4000, 'Use at most 4,000 characters.'),
});
export type TReviewInput = z.input<typeof ZReviewInput>;

export const ZReviewReply = z.object({
  reply: z.string().trim().min(2, 'Write a few words.').max(2000, 'Use at most 2,000 characters.'),
});
export type TReviewReply = z.input<typeof ZReviewReply>;

export const ZHideReview = z
  .object({
    hidden: z.boolean(),
    reason: z.string().trim().max(1000, 'Use at most 1,000 characters.').default(''),
  })
  .refine((v) => !v.hidden || v.reason.length >= 3, { message: 'Say why the review is hidden.', path: ['reason'] });
export type THideReview = z.input<typeof ZHideReview>;

export type TRatingSummary = { average: number | null; count: number; histogram: [number, number, number, number, number] };

export type TPublicReview = {
  id: string;
  rating: number;
  body: string;
  author: string;
  publishedAt: string;
  reply: string | null;
  repliedAt: string | null;
};

/** One side's review as a participant sees it. */
export type TReviewView = {
  id: string;
  authorRole: 'learner' | 'expert';
  rating: number | null;
  body: string;
  publishedAt: string | null;
  reply: string | null;
  repliedAt: string | null;
  hidden: boolean;
};

export type TBookingReviews = {
  bookingId: string;
  viewerRole: 'learner' | 'expert';
  viewerTimeZone: string;
  expertName: string;
  expertSlug: string;
  learnerName: string;
  start: string;
  end: string;
  status: string;
  /** When unpublished reviews publish by themselves and no review is accepted any more. */
  closesAt: string;
  canReview: boolean;
  mine: TReviewView | null;
  /** The other side's review: present only once published. */
  theirs: TReviewView | null;
  /** Whether the other side has written theirs (without its content) — lets the UI say "waiting". */
  theirsSubmitted: boolean;
  canReply: boolean;
};
