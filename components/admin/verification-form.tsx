'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { describeError, send } from '@/components/experts/send-json';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { TVerificationInput } from '@/lib/experts/update-verification';

export function VerificationForm({ expertId, initial }: { expertId: string; initial: TVerificationInput }) {
  const router = useRouter();
  const [msg, setMsg] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const { register, handleSubmit, formState } = useForm<TVerificationInput>({ defaultValues: initial });
  const onSubmit = handleSubmit(async (v) => {
    const res = await send('PUT', `/api/admin/experts/${expertId}/verification`, v);
    setMsg(res.ok ? { tone: 'success', text: 'Checklist saved.' } : { tone: 'error', text: describeError(res.error) });
    if (res.ok) router.refresh();
  });
  return (
    <form onSubmit={onSubmit} className="space-y-3">
      {msg ? <Alert tone={msg.tone}>{msg.text}</Alert> : null}
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" {...register('identityVerified')} /> Identity verified
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" {...register('credentialsVerified')} /> Credentials verified
      </label>
      <div className="space-y-1.5">
        <label htmlFor="backgroundStatus" className="block text-sm font-medium">
          Background check
        </label>
        <select
          id="backgroundStatus"
          {...register('backgroundStatus')}
          className="block w-full rounded-xl border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-950"
        >
          <option value="not_started">Not started</option>
          <option value="pending">Pending</option>
          <option value="clear">Clear</option>
          <option value="flagged">Flagged</option>
        </select>
      </div>
      <div className="space-y-1.5">
        <label htmlFor="backgroundNote" className="block text-sm font-medium">
          Note
        </label>
        <textarea
          id="backgroundNote"
          rows={2}
          {...register('backgroundNote')}
          className="block w-full rounded-xl border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-950"
        />
      </div>
      <Button type="submit" variant="secondary" disabled={formState.isSubmitting}>
        Save checklist
      </Button>
    </form>
  );
}
