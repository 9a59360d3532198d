'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useLightForm } from '@/components/forms/use-light-form';
import { safeNextPath } from '@/lib/auth/safe-next';
import type { TSignIn } from '@/lib/auth/schemas';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { applyFieldErrors, postJson } from './api-client';
import { signInResolver } from './auth-resolvers';

export function SignInForm({ next, defaultEmail }: { next?: string; defaultEmail?: string }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useLightForm<TSignIn>({
    resolver: signInResolver.resolver,
    defaultValues: { email: defaultEmail ?? '', password: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const res = await postJson<{ redirectTo: string }>('/api/auth/sign-in', values);
    if (!res.ok) {
      // A wrong password is reported as a whole-form message: it does not say which of the two was wrong.
      setFormError(res.error.code === 'unauthorized' ? res.error.message : applyFieldErrors(res.error, setError, ['email', 'password']));
      return;
    }
    // Only a path on this site: `next` comes from a link anyone can craft (lib/auth/safe-next.ts).
    router.replace(safeNextPath(next) ?? res.data.redirectTo);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} onFocus={signInResolver.preload} noValidate className="space-y-5">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <Field label="Email" type="email" autoComplete="email" {...register('email')} error={formState.errors.email?.message} />
      <Field
        label="Password"
        type="password"
        autoComplete="current-password"
        {...register('password')}
        error={formState.errors.password?.message}
      />
      <Button type="submit" className="w-full" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
