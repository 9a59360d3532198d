'use client';

import { useEffect, useId, useState } from 'react';
import { sendJson } from '@/components/auth/api-client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { CHANNELS, PREFERENCE_EVENTS, type TChannel } from '@/lib/notifications/preference-events';
import type { TPreferenceMatrix } from '@/lib/notifications/preference-rules';

type TPhone = {
  e164: string | null;
  verified: boolean;
  smsOptIn: boolean;
  stopped: boolean;
  pending: boolean;
  via: 'local' | 'twilio_verify';
};
type TView = { matrix: TPreferenceMatrix; phone: TPhone };

const CHANNEL_LABEL: Record<TChannel, string> = { in_app: 'In app', email: 'Email', sms: 'SMS' };
const COUNTRIES = [
  ['US', 'United States (+1)'],
  ['CA', 'Canada (+1)'],
  ['GB', 'United Kingdom (+44)'],
  ['DE', 'Germany (+49)'],
  ['FR', 'France (+33)'],
  ['ES', 'Spain (+34)'],
  ['NL', 'Netherlands (+31)'],
  ['IN', 'India (+91)'],
  ['BR', 'Brazil (+55)'],
  ['AU', 'Australia (+61)'],
] as const;

/** Settings → Notifications: which events reach the user by which channel, and the phone number for SMS. */
export function NotificationSettings({ smsSimulated }: { smsSimulated: boolean }) {
  const [view, setView] = useState<TView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [status, setStatus] = useState<string>('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    fetch('/api/notifications/preferences', { headers: { accept: 'application/json' } })
      .then(async (r) => (r.ok ? setView((await r.json()) as TView) : setLoadError('Your notification settings could not be loaded.')))
      .catch(() => setLoadError('Could not reach Pathwise. Check your connection and reload.'));
  }, []);

  async function toggle(event: string, channel: TChannel, enabled: boolean) {
    if (!view) return;
    const before = view;
    setView({
      ...view,
      matrix: { ...view.matrix, [event]: { ...view.matrix[event], [channel]: { ...view.matrix[event][channel], enabled } } },
    });
    setError(null);
    setStatus('Saving…');
    const res = await sendJson<TView>('PUT', '/api/notifications/preferences', { changes: [{ event, channel, enabled }] });
    if (!res.ok) {
      setView(before);
      setStatus('');
      return setError(res.error.fields?.enabled ?? res.error.fields?.channel ?? res.error.message);
    }
    setView(res.data);
    setStatus('Saved.');
  }

  if (loadError) return <Alert tone="error">{loadError}</Alert>;
  if (!view)
    return (
      <div className="space-y-2" aria-busy="true" aria-label="Loading notification settings" data-testid="prefs-skeleton">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-9 animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800" />
        ))}
      </div>
    );

  const smsUsable = view.phone.verified && view.phone.smsOptIn && !view.phone.stopped;
  return (
    <div className="space-y-6">
      <div className="overflow-x-auto rounded-2xl border border-slate-200 dark:border-slate-800">
        <table className="w-full min-w-[28rem] text-left text-sm" data-testid="prefs-table">
          <caption className="sr-only">Which events reach you by which channel</caption>
          <thead>
            <tr className="text-slate-600 dark:text-slate-400">
              <th scope="col" className="px-3 py-2 font-medium">
                Event
              </th>
              {CHANNELS.map((c) => (
                <th key={c} scope="col" className="px-3 py-2 text-center font-medium">
                  {CHANNEL_LABEL[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {PREFERENCE_EVENTS.map((e) => (
              <tr key={e.event} className="border-t border-slate-200 dark:border-slate-800">
                <th scope="row" className="px-3 py-2 font-normal">
                  {e.label}
                  <span className="block text-xs text-slate-600 dark:text-slate-400">{e.group}</span>
                </th>
                {CHANNELS.map((c) => {
                  const cell = view.matrix[e.event][c];
                  if (!cell.available)
                    return (
                      <td key={c} className="px-3 py-2 text-center text-slate-400">
                        <span aria-label={`${CHANNEL_LABEL[c]} not offered for ${e.label}`}>—</span>
                      </td>
                    );
                  return (
                    <td key={c} className="px-3 py-2 text-center">
                      <input
                        type="checkbox"
                        className="h-5 w-5 accent-brand-700"
                        checked={cell.enabled}
                        disabled={cell.locked}
                        aria-label={`${e.label} by ${CHANNEL_LABEL[c]}${cell.locked ? ' (always on)' : ''}`}
                        data-testid={`pref-${e.event}-${c}`}
                        onChange={(ev) => void toggle(e.event, c, ev.target.checked)}
                      />
                      {cell.locked ? <span className="block text-[11px] text-slate-600 dark:text-slate-400">always</span> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Payment receipts and refunds always go by email, and cancelled sessions always show in the app.{' '}
        {smsUsable ? 'SMS goes to your verified number.' : 'SMS reaches you only once you verify a number below and turn texts on.'}
      </p>
      <p role="status" aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400" data-testid="prefs-status">
        {status}
      </p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <PhoneSection phone={view.phone} smsSimulated={smsSimulated} onChange={(v) => setView(v)} />
    </div>
  );
}

function PhoneSection({ phone, smsSimulated, onChange }: { phone: TPhone; smsSimulated: boolean; onChange: (v: TView) => void }) {
  const id = useId();
  const [number, setNumber] = useState('');
  const [country, setCountry] = useState('US');
  const [code, setCode] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function call<T>(method: 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<T | null> {
    setBusy(true);
    setError(null);
    setFieldErrors({});
    const res = await sendJson<T>(method, url, body);
    setBusy(false);
    if (!res.ok) {
      setFieldErrors(res.error.fields ?? {});
      if (!res.error.fields) setError(res.error.message);
      return null;
    }
    return res.data;
  }
  const reload = async () => {
    const r = await fetch('/api/notifications/preferences');
    if (r.ok) onChange((await r.json()) as TView);
  };

  return (
    <section aria-labelledby={`${id}-phone`} className="space-y-4 rounded-2xl border border-slate-200 p-4 dark:border-slate-800">
      <h3 id={`${id}-phone`} className="font-semibold">
        Phone for text messages
      </h3>
      {smsSimulated ? (
        <Alert tone="info">
          SMS is simulated: no Twilio keys are set, so codes and texts are written to the dev outbox that admins read, not sent.
        </Alert>
      ) : null}
      {phone.stopped ? (
        <Alert tone="warning">You replied STOP, so we send no texts. Turn texts back on below, or reply START.</Alert>
      ) : null}
      {phone.verified ? (
        <div className="space-y-3">
          <p className="text-sm">
            Verified number:{' '}
            <span className="font-mono" data-testid="verified-number">
              {phone.e164}
            </span>
          </p>
          <label className="flex items-center gap-3 text-sm">
            <input
              type="checkbox"
              className="h-5 w-5 accent-brand-700"
              checked={phone.smsOptIn && !phone.stopped}
              disabled={busy}
              data-testid="sms-opt-in"
              onChange={async (e) => {
                const v = await call<TView>('PUT', '/api/notifications/preferences', { smsOptIn: e.target.checked });
                if (v) onChange(v);
              }}
            />
            Text me at this number (reminders and the session changes chosen above). Reply STOP to any text to stop.
          </label>
          <Button
            variant="ghost"
            disabled={busy}
            onClick={async () => {
              if (await call('DELETE', '/api/notifications/phone')) await reload();
            }}
          >
            Remove number
          </Button>
        </div>
      ) : (
        <div className="space-y-4">
          <form
            className="grid gap-3 sm:grid-cols-[12rem_1fr_auto] sm:items-end"
            onSubmit={async (e) => {
              e.preventDefault();
              if (await call('POST', '/api/notifications/phone', { phone: number, country })) await reload();
            }}
          >
            <div className="space-y-1.5">
              <label htmlFor={`${id}-country`} className="block text-sm font-medium">
                Country
              </label>
              <select
                id={`${id}-country`}
                value={country}
                onChange={(e) => setCountry(e.target.value)}
                className="block w-full rounded-xl border border-slate-300 bg-white px-3 py-2.5 dark:border-slate-700 dark:bg-slate-950"
              >
                {COUNTRIES.map(([c, l]) => (
                  <option key={c} value={c}>
                    {l}
                  </option>
                ))}
              </select>
            </div>
            <Field
              label="Phone number"
              name="phone"
              id={`${id}-number`}
              type="tel"
              autoComplete="tel"
              value={number}
              onChange={(e) => setNumber(e.target.value)}
              error={fieldErrors.phone}
              placeholder="(201) 555-0123 or +49 30 123456"
            />
            <Button type="submit" disabled={busy || !number.trim()}>
              {phone.pending ? 'Send a new code' : 'Send code'}
            </Button>
          </form>
          {phone.pending ? (
            <form
              className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end"
              onSubmit={async (e) => {
                e.preventDefault();
                if (await call('POST', '/api/notifications/phone/verify', { code })) await reload();
              }}
            >
              <Field
                label={`Code sent to ${phone.e164}`}
                name="code"
                id={`${id}-code`}
                inputMode="numeric"
                autoComplete="one-time-code"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                error={fieldErrors.code}
                hint="It expires in 10 minutes."
              />
              <Button type="submit" disabled={busy || !code.trim()}>
                Verify
              </Button>
            </form>
          ) : null}
        </div>
      )}
      {error ? <Alert tone="error">{error}</Alert> : null}
    </section>
  );
}
