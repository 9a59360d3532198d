'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { describeError, send } from '@/components/experts/send-json';
import { Button } from '@/components/ui/button';

/** "Retry payout" for one failed PayPal payout: POST /api/admin/payments/:id/retry-payout, audited, queued as a job. */
export function RetryPayoutButton({ paymentId, label }: { paymentId: string; label: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  async function retry() {
    setBusy(true);
    setError(null);
    const res = await send('POST', `/api/admin/payments/${paymentId}/retry-payout`, {});
    setBusy(false);
    if (!res.ok) return setError(describeError(res.error));
    setDone(true);
    router.refresh();
  }
  return (
    <div className="flex flex-col gap-1 sm:max-w-xs sm:shrink-0 sm:items-end sm:text-right">
      <Button type="button" variant="secondary" onClick={retry} disabled={busy || done} aria-label={`Retry payout to ${label}`}>
        {busy ? 'Retrying…' : done ? 'Queued' : 'Retry payout'}
      </Button>
      <p role="status" aria-live="polite" className="min-h-4 text-xs">
        {error ? <span className="text-red-700 dark:text-red-400">{error}</span> : done ? 'Queued: it goes out within seconds.' : null}
      </p>
    </div>
  );
}
