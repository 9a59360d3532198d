'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useLightForm } from '@/components/forms/use-light-form';
import type { TResetPassword } from '@/lib/auth/schemas';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { applyFieldErrors, postJson } from './api-client';
import { resetPasswordResolver } from './auth-resolvers';

export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useLightForm<TResetPassword>({
    resolver: resetPasswordResolver.resolver,
    defaultValues: { token, password: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const res = await postJson<{ redirectTo: string }>('/api/auth/password-reset/confirm', values);
    if (!res.ok) return setFormError(res.error.fields?.token ?? applyFieldErrors(res.error, setError, ['password']));
    router.replace(res.data.redirectTo);
  });

  return (
    <form onSubmit={onSubmit} onFocus={resetPasswordResolver.preload} noValidate className="space-y-5">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {formState.errors.token ? <Alert tone="error">{formState.errors.token.message}</Alert> : null}
      <input type="hidden" {...register('token')} />
      <Field
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        {...register('password')}
        error={formState.errors.password?.message}
      />
      <Button type="submit" className="w-full" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? 'Saving…' : 'Set new password'}
      </Button>
    </form>
  );
}
