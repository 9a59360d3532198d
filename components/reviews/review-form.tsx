'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { applyFieldErrors, postJson } from '@/components/auth/api-client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { TReviewInput } from '@/lib/reviews/schemas';
import { expertFeedbackResolver, learnerReviewResolver } from './review-lazy-resolvers';

const area =
  'block w-full rounded-xl border border-slate-300 bg-white px-3.5 py-2.5 text-base text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100';

/** The learner rates (1–5, public) and writes a review; the expert writes private feedback for the learner. */
export function ReviewForm({ bookingId, role, otherName }: { bookingId: string; role: 'learner' | 'expert'; otherName: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const lazy = role === 'learner' ? learnerReviewResolver : expertFeedbackResolver;
  const {
    register,
    handleSubmit,
    formState,
    setError: setFieldError,
    setValue,
    control,
  } = useForm<TReviewInput>({
    resolver: lazy.resolver,
    defaultValues: { bookingId, rating: null, body: '' },
  });
  const e = formState.errors;
  const rating = useWatch({ control, name: 'rating' });
  const onSubmit = handleSubmit(async (v) => {
    setError(null);
    const res = await postJson<{ id: string; published: boolean }>('/api/reviews', { ...v, rating: role === 'learner' ? v.rating : null });
    if (!res.ok) return setError(applyFieldErrors(res.error, setFieldError, ['rating', 'body']));
    router.refresh();
  });

  return (
    <form
      onSubmit={onSubmit}
      onFocus={lazy.preload}
      noValidate
      className="space-y-4"
      aria-label={role === 'learner' ? 'Your review' : 'Your feedback'}
    >
      {error ? <Alert tone="error">{error}</Alert> : null}
      {role === 'learner' ? (
        <fieldset aria-describedby={e.rating ? 'rating-error' : undefined}>
          <legend className="text-sm font-medium">Your rating of {otherName}</legend>
          <div className="mt-2 flex flex-wrap gap-2">
            {[1, 2, 3, 4, 5].map((n) => (
              <label
                key={n}
                className="flex cursor-pointer items-center gap-1 rounded-xl border border-slate-300 px-3 py-2 has-[:checked]:border-amber-500 has-[:checked]:bg-amber-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500 dark:border-slate-700 dark:has-[:checked]:bg-amber-950"
              >
                {/* Radios give strings; the rating is a number, set directly. */}
                <input
                  type="radio"
                  name="rating"
                  value={n}
                  checked={rating === n}
                  onChange={() => setValue('rating', n, { shouldValidate: formState.isSubmitted })}
                  className="sr-only"
                />
                <span aria-hidden="true">{'★'.repeat(n)}</span>
                <span className="sr-only">
                  {n} {n === 1 ? 'star' : 'stars'}
                </span>
              </label>
            ))}
          </div>
          {e.rating ? (
            <p id="rating-error" role="alert" className="mt-1 text-sm font-medium text-red-700 dark:text-red-400">
              {e.rating.message}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <div className="space-y-1.5">
        <label htmlFor="review-body" className="block text-sm font-medium">
          {role === 'learner' ? 'Your review (public, under your first name)' : `Private feedback for ${otherName} (only they read it)`}
        </label>
        <textarea
          id="review-body"
          rows={5}
          className={area}
          aria-invalid={e.body ? true : undefined}
          aria-describedby={e.body ? 'review-body-error' : undefined}
          {...register('body')}
        />
        {e.body ? (
          <p id="review-body-error" role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
            {e.body.message}
          </p>
        ) : null}
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Double-blind: neither of you reads the other&apos;s until both are in, or the review window closes.
      </p>
      <Button type="submit" disabled={formState.isSubmitting}>
        {role === 'learner' ? 'Submit review' : 'Submit feedback'}
      </Button>
    </form>
  );
}
