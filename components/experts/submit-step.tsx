'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { TOwnApplication } from '@/lib/experts/get-own-application';
import { describeError, send } from './send-json';

export function SubmitStep({
  app,
  onSaved,
  canSubmit,
}: {
  app: TOwnApplication;
  onSaved: (a: TOwnApplication) => void;
  canSubmit: boolean;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [accepted, setAccepted] = useState(app.terms_accepted_at !== null);

  async function toggleTerms(value: boolean) {
    setAccepted(value);
    const res = await send<{ application: TOwnApplication }>('PUT', '/api/expert/application', { step: 'terms', acceptTerms: value });
    if (!res.ok) return setError(describeError(res.error));
    onSaved(res.data.application);
  }

  async function submit() {
    setError(null);
    setBusy(true);
    const res = await send<{ application: TOwnApplication }>('POST', '/api/expert/application/submit');
    setBusy(false);
    if (!res.ok) return setError(describeError(res.error));
    onSaved(res.data.application);
  }

  return (
    <div className="space-y-5">
      {error ? (
        <Alert tone="error" title="Not submitted yet">
          {error}
        </Alert>
      ) : null}
      <label className="flex items-start gap-3 text-sm">
        <input type="checkbox" className="mt-1" checked={accepted} onChange={(e) => toggleTerms(e.target.checked)} />
        <span>
          I accept the expert terms: I teach honestly within my qualifications, keep learners’ information private, and let Pathwise verify
          my identity and credentials.
        </span>
      </label>
      {canSubmit ? (
        <Button type="button" onClick={submit} disabled={busy}>
          {busy ? 'Submitting…' : 'Submit application'}
        </Button>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">Your changes are saved and shown on your profile.</p>
      )}
    </div>
  );
}
