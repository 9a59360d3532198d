'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { describeError, send } from '@/components/experts/send-json';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { TExpertAction } from '@/lib/experts/application-status';
import type { TChecklistGap } from '@/lib/experts/verification-checklist';

const LABELS: Record<TExpertAction, string> = {
  submit: 'Submit',
  approve: 'Approve',
  reject: 'Reject',
  request_changes: 'Request changes',
  suspend: 'Suspend',
  reinstate: 'Reinstate',
};

/**
 * Approve / reject / request changes (or suspend / reinstate), with the message the expert receives. With the
 * checklist incomplete, approving takes an explicit override and a reason for the audit log.
 */
export function DecisionForm({ expertId, actions, gaps = [] }: { expertId: string; actions: TExpertAction[]; gaps?: TChecklistGap[] }) {
  const router = useRouter();
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function decide(action: TExpertAction) {
    setError(null);
    setBusy(true);
    const res = await send<{ status: string }>('POST', `/api/admin/experts/${expertId}/decision`, {
      action,
      reason,
      override: action === 'approve' && override,
      overrideReason,
    });
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
      {actions.includes('approve') && gaps.length ? (
        <div className="space-y-2 rounded-xl border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100">
          <p className="font-semibold">The checklist is not complete, so this application cannot be approved yet:</p>
          <ul className="list-disc pl-5">
            {gaps.map((g) => (
              <li key={g.item}>{g.message}</li>
            ))}
          </ul>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} /> Approve anyway (override)
          </label>
          {override ? (
            <div className="space-y-1.5">
              <label htmlFor="overrideReason" className="block font-medium">
                Why approve anyway (kept in the audit log)
              </label>
              <textarea
                id="overrideReason"
                rows={2}
                value={overrideReason}
                onChange={(e) => setOverrideReason(e.target.value)}
                className="block w-full rounded-xl border border-slate-300 bg-white px-3 py-2 text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
              />
            </div>
          ) : null}
        </div>
      ) : null}
      <div className="space-y-1.5">
        <label htmlFor="reason" className="block text-sm font-medium">
          Message to the expert (required to reject, request changes or suspend)
        </label>
        <textarea
          id="reason"
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          className="block w-full rounded-xl border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-950"
        />
      </div>
      <div className="flex flex-wrap gap-2">
        {actions.map((a) => (
          <Button
            key={a}
            type="button"
            disabled={busy}
            variant={a === 'approve' || a === 'reinstate' ? 'primary' : a === 'request_changes' ? 'secondary' : 'danger'}
            onClick={() => decide(a)}
          >
            {LABELS[a]}
          </Button>
        ))}
      </div>
    </div>
  );
}
