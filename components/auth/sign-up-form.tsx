'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useLightForm } from '@/components/forms/use-light-form';
import type { TSignUp } from '@/lib/auth/schemas';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Field } from '@/components/ui/field';
import { applyFieldErrors, postJson } from './api-client';
import { signUpResolver } from './auth-resolvers';

export function SignUpForm({ accountType = 'learner' }: { accountType?: 'learner' | 'expert' }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState, watch } = useLightForm<TSignUp>({
    resolver: signUpResolver.resolver,
    defaultValues: { name: '', email: '', password: '', accountType },
  });
  const chosen = watch('accountType');

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    // Learner days (streaks, "today") are counted in the zone this browser is in.
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const res = await postJson<{ redirectTo: string }>('/api/auth/sign-up', { ...values, timeZone });
    if (!res.ok) {
      setFormError(applyFieldErrors(res.error, setError, ['name', 'email', 'password', 'accountType', 'acceptTerms']));
      return;
    }
    router.replace(res.data.redirectTo);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} onFocus={signUpResolver.preload} noValidate className="space-y-5">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <fieldset>
        <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">I want to</legend>
        <div className="mt-2 grid grid-cols-2 gap-2">
          {(
            [
              ['learner', 'Learn', 'Plans, progress, experts'],
              ['expert', 'Teach', 'Apply as an expert'],
            ] as const
          ).map(([value, title, sub]) => (
            <label
              key={value}
              className={cn(
                'cursor-pointer rounded-xl border px-3 py-2.5 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500',
                chosen === value
                  ? 'border-brand-600 bg-brand-50 dark:border-brand-400 dark:bg-brand-950'
                  : 'border-slate-300 dark:border-slate-700',
              )}
            >
              <input type="radio" value={value} className="sr-only" {...register('accountType')} />
              <span className="block font-semibold">{title}</span>
              <span className="block text-slate-600 dark:text-slate-400">{sub}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <Field label="Name" autoComplete="name" {...register('name')} error={formState.errors.name?.message} />
      <Field label="Email" type="email" autoComplete="email" {...register('email')} error={formState.errors.email?.message} />
      <Field
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        {...register('password')}
        error={formState.errors.password?.message}
      />
      <div className="space-y-1.5">
        <label className="flex items-start gap-2 text-sm text-slate-800 dark:text-slate-200">
          <input
            type="checkbox"
            className="mt-0.5 h-4 w-4 accent-brand-600"
            aria-invalid={formState.errors.acceptTerms ? true : undefined}
            aria-describedby={formState.errors.acceptTerms ? 'accept-terms-error' : undefined}
            {...register('acceptTerms')}
          />
          <span>
            I agree to the terms and{' '}
            <Link href="/privacy" className="link" target="_blank">
              privacy notice
            </Link>
          </span>
        </label>
        {formState.errors.acceptTerms ? (
          <p id="accept-terms-error" role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
            {formState.errors.acceptTerms.message}
          </p>
        ) : null}
      </div>
      <Button type="submit" className="w-full" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? 'Creating your account…' : 'Create account'}
      </Button>
    </form>
  );
}
