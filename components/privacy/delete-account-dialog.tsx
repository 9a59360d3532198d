'use client';

// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the whole dialog loads when it opens (danger-zone.tsx)
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { applyFieldErrors, sendJson } from '@/components/auth/api-client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { ZDeleteAccount, type TDeleteAccount } from '@/lib/privacy/schemas';

/**
 * The danger zone's confirmation: a native modal <dialog> (focus stays inside, Esc closes) asking for the password
 * the server checks again. On success the browser leaves with a full navigation, so no signed-in page stays cached.
 */
export function DeleteAccountDialog({ onClose }: { onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<TDeleteAccount>({
    resolver: zodResolver(ZDeleteAccount),
    defaultValues: { password: '' },
  });

  useEffect(() => {
    ref.current?.showModal();
  }, []);

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const res = await sendJson<{ redirectTo: string }>('DELETE', '/api/account', values);
    if (!res.ok) {
      setFormError(applyFieldErrors(res.error, setError, ['password']));
      return;
    }
    window.location.assign(res.data.redirectTo);
  });

  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="delete-title"
      aria-describedby="delete-what"
      className="w-[min(30rem,calc(100vw-2rem))] rounded-2xl border border-slate-200 bg-white p-5 text-slate-900 backdrop:bg-slate-950/50 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <h2 id="delete-title" className="text-lg font-semibold">
          Delete your account?
        </h2>
        <div id="delete-what" className="space-y-2 text-sm text-slate-700 dark:text-slate-300">
          <p>
            This cannot be undone. Your name, email, password, curricula, notes, progress, expert profile, schedule and documents are
            removed.
          </p>
          <p>
            Upcoming sessions are cancelled under the cancellation policy. Past sessions, reviews and payment records stay, showing “Deleted
            user” instead of you. You are signed out on every device.
          </p>
        </div>
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        <Field
          label="Your password"
          type="password"
          autoComplete="current-password"
          {...register('password')}
          error={formState.errors.password?.message}
        />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" type="button" onClick={() => ref.current?.close()}>
            Keep my account
          </Button>
          <Button variant="danger" type="submit" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? 'Deleting…' : 'Delete my account'}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
