// Loaded on first use of a review, reply or appeal form (review-lazy-resolvers.ts): zod and the schemas stay
// out of the pages' First Load JS.
import { zodResolver } from '@hookform/resolvers/zod';
import { ZAppeal } from '@/lib/policy/schemas';
import { ZReviewInput, ZReviewReply } from '@/lib/reviews/schemas';

export const learnerReview = zodResolver(ZReviewInput.refine((v) => v.rating != null, { message: 'Pick 1 to 5 stars.', path: ['rating'] }));
export const expertFeedback = zodResolver(ZReviewInput);
export const reply = zodResolver(ZReviewReply);
export const appeal = zodResolver(ZAppeal);
