'use client';

import type { Resolver } from 'react-hook-form';
import { lazyResolver } from '@/components/forms/lazy-resolver';
import type { TAppeal } from '@/lib/policy/schemas';
import type { TReviewInput, TReviewReply } from '@/lib/reviews/schemas';

// The same zod schemas the route handlers check, loaded when a form is first used (focus).
type TResolvers = typeof import('./review-resolvers');
const pick = <T extends Record<string, unknown>>(name: keyof TResolvers) =>
  lazyResolver<T>(() => import('./review-resolvers').then((m) => m[name] as unknown as Resolver<T>));

export const learnerReviewResolver = pick<TReviewInput>('learnerReview');
export const expertFeedbackResolver = pick<TReviewInput>('expertFeedback');
export const replyResolver = pick<TReviewReply>('reply');
export const appealResolver = pick<TAppeal>('appeal');
