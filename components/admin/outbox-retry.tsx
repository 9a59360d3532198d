'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { describeError, send } from '@/components/experts/send-json';
import { Button } from '@/components/ui/button';

/** Sends a failed or unknown outbox message again. */
export function OutboxRetry({ messageId }: { messageId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function retry() {
    setBusy(true);
    const res = await send('POST', `/api/admin/outbox/${messageId}/retry`, {});
    setBusy(false);
    if (!res.ok) return setError(describeError(res.error));
    router.refresh();
  }
  return (
    <div className="mt-2">
      <Button type="button" variant="secondary" onClick={retry} disabled={busy}>
        Retry
      </Button>
      {error ? (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
