'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { applyFieldErrors, postJson } from '@/components/auth/api-client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { TAppeal } from '@/lib/policy/schemas';
import { appealResolver } from './review-lazy-resolvers';

/** The expert appeals a sanction, once, in writing. */
export function AppealForm({ sanctionId }: { sanctionId: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState,
    setError: setFieldError,
  } = useForm<TAppeal>({ resolver: appealResolver.resolver, defaultValues: { appeal: '' } });
  const onSubmit = handleSubmit(async (v) => {
    setError(null);
    const res = await postJson(`/api/expert/sanctions/${sanctionId}/appeal`, v);
    if (!res.ok) return setError(applyFieldErrors(res.error, setFieldError, ['appeal']));
    router.refresh();
  });
  if (!open)
    return (
      <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
        Appeal
      </Button>
    );
  const e = formState.errors.appeal;
  const id = `appeal-${sanctionId}`;
  return (
    <form onSubmit={onSubmit} onFocus={appealResolver.preload} noValidate className="space-y-2">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <label htmlFor={id} className="block text-sm font-medium">
        What happened (the admins read this)
      </label>
      <textarea
        id={id}
        rows={4}
        aria-invalid={e ? true : undefined}
        aria-describedby={e ? `${id}-error` : undefined}
        className="block w-full rounded-xl border border-slate-300 bg-white px-3.5 py-2.5 dark:border-slate-700 dark:bg-slate-950"
        {...register('appeal')}
      />
      {e ? (
        <p id={`${id}-error`} role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
          {e.message}
        </p>
      ) : null}
      <Button type="submit" disabled={formState.isSubmitting}>
        Send appeal
      </Button>
    </form>
  );
}
