'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { applyFieldErrors, sendJson } from '@/components/auth/api-client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { lazyResolver } from '@/components/forms/lazy-resolver';
import type { TPolicy } from '@/lib/policy/schemas';

// The schema the route checks, loaded on first use of the form (focus).
const resolver = lazyResolver<TPolicy>(() => import('./policy-resolver').then((m) => m.policyResolver));

type TKey = keyof TPolicy;
const GROUPS: { title: string; fields: { name: TKey; label: string; hint: string }[] }[] = [
  {
    title: 'Cancellations',
    fields: [
      { name: 'fullRefundHours', label: 'Full refund when the learner cancels at least … hours before', hint: 'Hours before the start.' },
      { name: 'lateCancelRefundPercent', label: 'Refund for a later learner cancellation (%)', hint: '0 means none.' },
      { name: 'expertCancelRefundPercent', label: 'Refund when the expert cancels (%)', hint: 'Usually 100.' },
    ],
  },
  {
    title: 'Reviews and no-shows',
    fields: [
      { name: 'reviewWindowDays', label: 'Review window (days after the session)', hint: 'Unpaired reviews publish when it closes.' },
      { name: 'noShowWindowHours', label: 'No-show reports accepted for (hours after the start)', hint: '' },
    ],
  },
  {
    title: 'Expert standing',
    fields: [
      {
        name: 'strikeWindowDays',
        label: 'Strikes count for (days)',
        hint: 'Expert no-shows and expert cancellations within 24 h of the start.',
      },
      { name: 'strikesWarning', label: 'Strikes for a warning', hint: '' },
      { name: 'strikesPause', label: 'Strikes for a pause', hint: 'No new bookings while paused.' },
      { name: 'pauseDays', label: 'Pause length (days)', hint: '' },
      { name: 'strikesSuspend', label: 'Strikes for a suspension', hint: 'The profile leaves the directory until an admin reinstates it.' },
    ],
  },
];

/** /admin/policy: the marketplace policy, checked with the same schema as the server. */
export function PolicyForm({ policy }: { policy: TPolicy }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const {
    register,
    handleSubmit,
    formState,
    setError: setFieldError,
  } = useForm<TPolicy>({ resolver: resolver.resolver, defaultValues: policy });
  const onSubmit = handleSubmit(async (v) => {
    setError(null);
    setSaved(false);
    const res = await sendJson<{ policy: TPolicy }>('PUT', '/api/admin/policy', v);
    if (!res.ok) return setError(applyFieldErrors(res.error, setFieldError, Object.keys(policy) as TKey[]));
    setSaved(true);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} onFocus={resolver.preload} noValidate className="space-y-8">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {saved ? <Alert tone="success">Policy saved.</Alert> : null}
      {GROUPS.map((g) => (
        <fieldset key={g.title} className="card space-y-4 p-5">
          <legend className="px-1 text-lg font-semibold">{g.title}</legend>
          {g.fields.map((f) => (
            <Field
              key={f.name}
              id={`policy-${f.name}`}
              label={f.label}
              type="number"
              inputMode="numeric"
              hint={f.hint || undefined}
              error={formState.errors[f.name]?.message}
              {...register(f.name, { valueAsNumber: true })}
            />
          ))}
        </fieldset>
      ))}
      <Button type="submit" disabled={formState.isSubmitting}>
        Save policy
      </Button>
    </form>
  );
}
