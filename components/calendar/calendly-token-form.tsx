'use client';

import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';

// Connect Calendly with a personal access token (Calendly → Integrations → API & Webhooks → Personal access
// tokens). The token is checked with Calendly and stored encrypted; it is never shown again.
export function CalendlyTokenForm({ onConnected }: { onConnected: () => Promise<void> | void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const id = useId();

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      const res = await fetch('/api/calendar/calendly/connect', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      const data = (await res.json().catch(() => null)) as { error?: { message?: string; fields?: Record<string, string> } } | null;
      if (!res.ok) {
        setError(data?.error?.fields?.token ?? data?.error?.message ?? `The request failed (${res.status}).`);
        return;
      }
      setToken('');
      await onConnected();
    } catch {
      setError('Could not reach Pathwise. Check your connection and try again.');
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-2" noValidate>
      <label htmlFor={`${id}-token`} className="block text-sm font-medium">
        Calendly personal access token
      </label>
      <input
        id={`${id}-token`}
        type="password"
        autoComplete="off"
        value={token}
        onChange={(e) => setToken(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
        className="w-full rounded-xl border border-slate-300 bg-white px-3 py-2 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 dark:border-slate-700 dark:bg-slate-900"
      />
      <p id={`${id}-help`} className="text-xs text-slate-600 dark:text-slate-400">
        In Calendly: Integrations → API &amp; Webhooks → Personal access tokens. Stored encrypted; your booked Calendly events then block
        your Pathwise slots.
      </p>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
      <Button type="submit" variant="secondary" disabled={pending || token.trim().length < 20} aria-busy={pending}>
        {pending ? 'Checking the token…' : 'Connect Calendly'}
      </Button>
    </form>
  );
}
