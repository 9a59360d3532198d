'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { describeError, send } from '@/components/experts/send-json';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

/** Accept or reject an approved expert's pending public changes (the revision the admin is looking at). */
export function ProfileChangeReview({ expertId, revision }: { expertId: string; revision: number }) {
  const router = useRouter();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function decide(action: 'accept' | 'reject') {
    setError(null);
    setBusy(true);
    const res = await send<{ status: string }>('POST', `/api/admin/experts/${expertId}/profile-change`, { action, revision, reason });
    setBusy(false);
    if (!res.ok) return setError(describeError(res.error));
    setReason('');
    router.refresh();
  }

  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="space-y-1.5">
        <label htmlFor="change-reason" className="block text-sm font-medium">
          Message to the expert (required to reject)
        </label>
        <textarea
          id="change-reason"
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          className="block w-full rounded-xl border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-950"
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="button" disabled={busy} onClick={() => decide('accept')}>
          Accept changes
        </Button>
        <Button type="button" disabled={busy} variant="danger" onClick={() => decide('reject')}>
          Reject changes
        </Button>
      </div>
    </div>
  );
}
