'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { applyFieldErrors, postJson } from '@/components/auth/api-client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { TReviewReply } from '@/lib/reviews/schemas';
import { replyResolver } from './review-lazy-resolvers';

/** The expert's one public reply to a learner's review. */
export function ReplyForm({ reviewId }: { reviewId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState,
    setError: setFieldError,
  } = useForm<TReviewReply>({ resolver: replyResolver.resolver, defaultValues: { reply: '' } });
  const onSubmit = handleSubmit(async (v) => {
    setError(null);
    const res = await postJson(`/api/reviews/${reviewId}/reply`, v);
    if (!res.ok) return setError(applyFieldErrors(res.error, setFieldError, ['reply']));
    router.refresh();
  });
  const e = formState.errors.reply;
  return (
    <form onSubmit={onSubmit} onFocus={replyResolver.preload} noValidate className="mt-3 space-y-2">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <label htmlFor="reply" className="block text-sm font-medium">
        Public reply (once)
      </label>
      <textarea
        id="reply"
        rows={3}
        aria-invalid={e ? true : undefined}
        aria-describedby={e ? 'reply-error' : undefined}
        className="block w-full rounded-xl border border-slate-300 bg-white px-3.5 py-2.5 dark:border-slate-700 dark:bg-slate-950"
        {...register('reply')}
      />
      {e ? (
        <p id="reply-error" role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
          {e.message}
        </p>
      ) : null}
      <Button type="submit" variant="secondary" disabled={formState.isSubmitting}>
        Post reply
      </Button>
    </form>
  );
}
