'use client';

import { useState } from 'react';
import { useLightForm } from '@/components/forms/use-light-form';
import type { TRequestReset } from '@/lib/auth/schemas';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { applyFieldErrors, postJson } from './api-client';
import { requestResetResolver } from './auth-resolvers';

export function ForgotPasswordForm({ outboxNote }: { outboxNote?: string }) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useLightForm<TRequestReset>({
    resolver: requestResetResolver.resolver,
    defaultValues: { email: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const res = await postJson('/api/auth/password-reset/request', values);
    if (!res.ok) return setFormError(applyFieldErrors(res.error, setError, ['email']));
    setSentTo(values.email);
  });

  if (sentTo)
    return (
      <Alert tone="success" title="Check your email">
        If {sentTo} has a Pathwise account, a reset link is on its way. It works for one hour.
        {outboxNote ? <span className="mt-2 block">{outboxNote}</span> : null}
      </Alert>
    );
  return (
    <form onSubmit={onSubmit} onFocus={requestResetResolver.preload} noValidate className="space-y-5">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <Field label="Email" type="email" autoComplete="email" {...register('email')} error={formState.errors.email?.message} />
      <Button type="submit" className="w-full" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? 'Sending…' : 'Send reset link'}
      </Button>
    </form>
  );
}
