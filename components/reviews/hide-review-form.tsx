'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { describeError, send } from '@/components/experts/send-json';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

/** Hide a review with a reason (kept on the review and in the audit log), or show it again. */
export function HideReviewForm({ reviewId, hidden }: { reviewId: string; hidden: boolean }) {
  const router = useRouter();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit() {
    setBusy(true);
    setError(null);
    const res = await send('POST', `/api/admin/reviews/${reviewId}/hide`, { hidden: !hidden, reason });
    setBusy(false);
    if (!res.ok) return setError(describeError(res.error));
    setReason('');
    router.refresh();
  }
  const id = `hide-reason-${reviewId}`;
  return (
    <div className="mt-2 space-y-2">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <label htmlFor={id} className="block text-sm font-medium">
        {hidden ? 'Note (optional)' : 'Reason for hiding (required)'}
      </label>
      <input
        id={id}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        className="block w-full rounded-xl border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-950"
      />
      <Button type="button" variant={hidden ? 'secondary' : 'danger'} disabled={busy} onClick={submit}>
        {hidden ? 'Show again' : 'Hide review'}
      </Button>
    </div>
  );
}
