'use client';

import { useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

export type TFeedStatusView = { active: boolean; createdLabel: string | null; lastUsedLabel: string | null };

type TState = { active: boolean; createdLabel: string | null; lastUsedLabel: string | null };

// The private ICS feed: create (or replace) the URL, copy it, revoke it. Only the token's hash is stored, so
// the URL is shown once, right after it is made; later visits can replace or revoke it, not show it again.
export function IcsFeedCard({ initial }: { initial: TFeedStatusView }) {
  const [state, setState] = useState<TState>(initial);
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState<'create' | 'revoke' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function call(method: 'POST' | 'DELETE') {
    setBusy(method === 'POST' ? 'create' : 'revoke');
    setError(null);
    setCopied(false);
    try {
      const res = await fetch('/api/calendar/feed', { method, headers: { accept: 'application/json' } });
      const body = (await res.json()) as { url?: string; status?: { active: boolean }; active?: boolean; error?: { message: string } };
      if (!res.ok) throw new Error(body.error?.message ?? `The request failed (${res.status}).`);
      if (method === 'POST') {
        setUrl(body.url ?? null);
        setState({ active: true, createdLabel: 'just now', lastUsedLabel: null });
        requestAnimationFrame(() => input.current?.select());
      } else {
        setUrl(null);
        setState({ active: false, createdLabel: null, lastUsedLabel: null });
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The request failed.');
    } finally {
      setBusy(null);
    }
  }

  async function copy() {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      input.current?.select();
    }
  }

  return (
    <div className="space-y-4" data-testid="ics-feed">
      <p className="text-slate-700 dark:text-slate-300">
        Subscribe to your sessions in Google Calendar, Outlook, Apple Calendar or any app that takes a calendar URL (an ICS feed). Booked,
        moved and cancelled sessions show up there by themselves; apps refresh subscribed calendars every few minutes to a few hours. Anyone
        with the URL can see your session times and briefs, so keep it private.
      </p>
      {url ? (
        <div className="space-y-2 rounded-2xl border border-brand-200 p-4 dark:border-brand-900">
          <label htmlFor="ics-feed-url" className="block text-sm font-medium">
            Your feed URL (shown only now — copy it into your calendar app)
          </label>
          <div className="flex flex-col gap-2 sm:flex-row">
            <input
              id="ics-feed-url"
              ref={input}
              readOnly
              value={url}
              data-testid="ics-feed-url"
              className="min-w-0 flex-1 rounded-xl border border-slate-300 bg-white px-3 py-2 font-mono text-xs focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 dark:border-slate-700 dark:bg-slate-900"
              onFocus={(e) => e.currentTarget.select()}
            />
            <Button type="button" variant="secondary" onClick={() => void copy()}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
          </div>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            In Google Calendar: Other calendars → From URL. In Outlook: Add calendar → Subscribe from web. On iPhone: Settings → Calendar →
            Accounts → Add subscribed calendar.
          </p>
        </div>
      ) : state.active ? (
        <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="ics-feed-status">
          A feed URL is active (made {state.createdLabel}
          {state.lastUsedLabel ? `, last read by a calendar app ${state.lastUsedLabel}` : ', not read by any calendar app yet'}). For your
          privacy it cannot be shown again: make a new one if you lost it.
        </p>
      ) : (
        <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="ics-feed-status">
          You have no feed URL.
        </p>
      )}
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="flex flex-wrap gap-3">
        <Button type="button" onClick={() => void call('POST')} disabled={busy !== null} aria-busy={busy === 'create'}>
          {busy === 'create' ? 'Making the URL…' : state.active ? 'Replace the feed URL' : 'Create my feed URL'}
        </Button>
        {state.active ? (
          <Button
            type="button"
            variant="secondary"
            onClick={() => void call('DELETE')}
            disabled={busy !== null}
            aria-busy={busy === 'revoke'}
          >
            {busy === 'revoke' ? 'Revoking…' : 'Revoke the feed URL'}
          </Button>
        ) : null}
      </div>
      {state.active && !url ? (
        <p className="text-xs text-slate-600 dark:text-slate-400">Replacing or revoking stops the current URL at once.</p>
      ) : null}
    </div>
  );
}
