'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { postJson } from '@/components/auth/api-client';
import { Alert } from '@/components/ui/alert';
import type { TConsentState } from '@/lib/privacy/schemas';

export type TConsentView = TConsentState & { recordedLabel: string | null };

/**
 * Each consent with its answer in force. Optional ones toggle (a switch: a checkbox with role="switch"); each
 * change appends a record, and the page refreshes so the history below shows it.
 */
export function ConsentList({ consents }: { consents: TConsentView[] }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The switch moves at once; a refused change moves it back.
  const [granted, setGranted] = useState<Record<string, boolean>>(() => Object.fromEntries(consents.map((c) => [c.kind, c.granted])));

  async function toggle(kind: string, value: boolean) {
    setBusy(kind);
    setError(null);
    setGranted((g) => ({ ...g, [kind]: value }));
    const res = await postJson('/api/account/consents', { kind, granted: value });
    setBusy(null);
    if (!res.ok) {
      setGranted((g) => ({ ...g, [kind]: !value }));
      setError(res.error.message);
    }
    router.refresh();
  }

  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <ul className="divide-y divide-slate-200 rounded-2xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
        {consents.map((c) => (
          <li key={c.kind} className="flex items-start justify-between gap-4 p-4">
            <div>
              <p className="font-medium" id={`consent-${c.kind}`}>
                {c.label}
              </p>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {c.recordedLabel ? `${c.granted ? 'Agreed' : 'Declined'} on ${c.recordedLabel} (version ${c.version})` : 'Not asked yet'}
                {c.granted && c.version !== c.currentVersion ? ' · the text has changed since' : ''}
                {c.required ? ' · needed for an account; delete the account to withdraw' : ''}
              </p>
            </div>
            {c.required ? (
              <span className="shrink-0 text-sm font-medium text-slate-700 dark:text-slate-300">{c.granted ? 'Agreed' : 'Not agreed'}</span>
            ) : (
              <input
                type="checkbox"
                role="switch"
                aria-labelledby={`consent-${c.kind}`}
                checked={granted[c.kind] ?? c.granted}
                disabled={busy === c.kind}
                onChange={(e) => void toggle(c.kind, e.target.checked)}
                className="mt-1 h-5 w-5 shrink-0 accent-brand-600"
              />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
