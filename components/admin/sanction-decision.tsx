'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { describeError, send } from '@/components/experts/send-json';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

/** Uphold an appealed sanction, or lift it (clears the pause, reinstates a suspension). */
export function SanctionDecision({ sanctionId, canUphold }: { sanctionId: string; canUphold: boolean }) {
  const router = useRouter();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function decide(decision: 'uphold' | 'lift') {
    setBusy(true);
    setError(null);
    const res = await send('POST', `/api/admin/sanctions/${sanctionId}/decision`, { decision, note });
    setBusy(false);
    if (!res.ok) return setError(describeError(res.error));
    router.refresh();
  }
  const id = `sanction-note-${sanctionId}`;
  return (
    <div className="mt-3 space-y-2">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <label htmlFor={id} className="block text-sm font-medium">
        Note to the expert (optional)
      </label>
      <input
        id={id}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        className="block w-full rounded-xl border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-950"
      />
      <div className="flex gap-2">
        <Button type="button" disabled={busy} onClick={() => decide('lift')}>
          Lift
        </Button>
        {canUphold ? (
          <Button type="button" variant="secondary" disabled={busy} onClick={() => decide('uphold')}>
            Uphold
          </Button>
        ) : null}
      </div>
    </div>
  );
}
