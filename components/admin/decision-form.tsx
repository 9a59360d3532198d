'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { describeError, send } from '@/components/experts/send-json';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { TExpertAction } from '@/lib/experts/application-status';

const LABELS: Record<TExpertAction, string> = {
  submit: 'Submit', approve: 'Approve', reject: 'Reject', request_changes: 'Request changes', suspend: 'Suspend', reinstate: 'Reinstate',
};

/** Approve / reject / request changes (or suspend / reinstate), with the message the expert receives. */
export function DecisionForm({ expertId, actions }: { expertId: string; actions: TExpertAction[] }) {
  const router = useRouter();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function decide(action: TExpertAction) {
    setError(null);
    setBusy(true);
    const res = await send<{ status: string }>('POST', `/api/admin/experts/${expertId}/decision`, { action, reason });
    setBusy(false);
    if (!res.ok) return setError(describeError(res.error));
    setDone(`Done: the application is now ${res.data.status.replace('_', ' ')}. The expert has been told.`);
    setReason('');
    router.refresh();
  }

  if (!actions.length) {
    return (
      <div className="space-y-3">
        {done ? <Alert tone="success">{done}</Alert> : null}
        <p className="text-sm text-slate-600 dark:text-slate-400">No decision to take in this status.</p>
      </div>
    );
  }
  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {done ? <Alert tone="success">{done}</Alert> : null}
      <div className="space-y-1.5">
        <label htmlFor="reason" className="block text-sm font-medium">Message to the expert (required to reject, request changes or suspend)</label>
        <textarea id="reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} className="block w-full rounded-xl border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-950" />
      </div>
      <div className="flex flex-wrap gap-2">
        {actions.map((a) => (
          <Button key={a} type="button" disabled={busy} variant={a === 'approve' || a === 'reinstate' ? 'primary' : a === 'request_changes' ? 'secondary' : 'danger'} onClick={() => decide(a)}>
            {LABELS[a]}
          </Button>
        ))}
      </div>
    </div>
  );
}
