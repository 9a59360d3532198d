'use client';

import { useCallback, useEffect, useId, useState } from 'react';
import type { TConnectionView } from '@/lib/calendar/connections';
import type { TCalendarsOverview } from '@/lib/calendar/manage';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClasses } from '@/components/ui/button';
import { CalendlyTokenForm } from './calendly-token-form';

// Connected calendars on the availability page: Connect cards from the provider registry, then one card per
// connection with "counts as busy" checkboxes, the "sessions go to" choice (one calendar across all
// connections), status, last sync, Sync now, Disconnect and Reconnect.

const ago = (iso: string | null, now: number) => {
  if (!iso) return null;
  const minutes = Math.round((now - Date.parse(iso)) / 60_000);
  if (minutes < 1) return 'just now';
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  return minutes < 60 ? rtf.format(-minutes, 'minute') : rtf.format(-Math.round(minutes / 60), 'hour');
};

async function send(url: string, method: string, body?: unknown): Promise<{ ok: true; data: unknown } | { ok: false; message: string }> {
  try {
    const res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data: unknown = res.status === 204 ? null : await res.json().catch(() => null);
    if (res.ok) return { ok: true, data };
    const err = (data as { error?: { message?: string; fields?: Record<string, string> } } | null)?.error;
    return {
      ok: false,
      message: [err?.message, ...Object.values(err?.fields ?? {})].filter(Boolean).join(' ') || `Request failed (${res.status}).`,
    };
  } catch {
    return { ok: false, message: 'Could not reach Pathwise. Check your connection and try again.' };
  }
}

export function CalendarConnections({
  initial,
  flash,
}: {
  initial: TCalendarsOverview;
  flash: { tone: 'success' | 'error'; text: string } | null;
}) {
  const [overview, setOverview] = useState(initial);
  const [message, setMessage] = useState(flash);
  const [busy, setBusy] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const headingId = useId();

  const reload = useCallback(async () => {
    const r = await send('/api/calendar/connections', 'GET');
    if (r.ok) setOverview(r.data as TCalendarsOverview);
    setNow(Date.now());
  }, []);

  // While a first sync is pending, look again every few seconds; otherwise keep "N min ago" current.
  const pending = overview.connections.some((c) => c.status === 'active' && !c.lastSyncedAt && !c.lastSyncError);
  useEffect(() => {
    const timer = setInterval(() => void (pending ? reload() : setNow(Date.now())), pending ? 2000 : 30_000);
    return () => clearInterval(timer);
  }, [pending, reload]);

  async function change(c: TConnectionView, body: { busyCalendarIds?: string[]; targetCalendarId?: string | null }, label: string) {
    setBusy(c.id);
    const r = await send(`/api/calendar/connections/${c.id}`, 'PATCH', body);
    setBusy(null);
    if (!r.ok) return setMessage({ tone: 'error', text: r.message });
    setMessage({ tone: 'success', text: label });
    await reload();
  }

  async function disconnect(c: TConnectionView) {
    if (!window.confirm(`Disconnect ${c.accountEmail ?? 'this calendar'}? Its busy times stop blocking your slots.`)) return;
    setBusy(c.id);
    const r = await send(`/api/calendar/connections/${c.id}`, 'DELETE');
    setBusy(null);
    setMessage(r.ok ? { tone: 'success', text: 'Calendar disconnected.' } : { tone: 'error', text: r.message });
    await reload();
  }

  async function syncNow(c: TConnectionView) {
    setBusy(c.id);
    const r = await send(`/api/calendar/connections/${c.id}/sync`, 'POST');
    setBusy(null);
    setMessage(r.ok ? { tone: 'success', text: 'Sync started.' } : { tone: 'error', text: r.message });
    setTimeout(() => void reload(), 1500);
  }

  const target = overview.connections.find((c) => c.targetCalendarId);
  const writable = overview.connections.filter((c) => c.status === 'active' && c.canWriteEvents);

  return (
    <section id="calendars" aria-labelledby={headingId} className="scroll-mt-24 space-y-6">
      <div>
        <h2 id={headingId} className="text-xl font-semibold">
          Connected calendars
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
          Busy times in the calendars you tick block your slots, and booked sessions are added to the calendar you choose.
        </p>
      </div>
      {message ? (
        <Alert tone={message.tone}>
          <span>{message.text}</span>
        </Alert>
      ) : null}

      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Calendar services">
        {overview.providers.map((p) => (
          <li key={p.id} className="flex flex-col justify-between gap-3 rounded-xl border border-slate-200 p-4 dark:border-slate-700">
            <div>
              <p className="font-semibold">{p.label}</p>
              {p.note ? <p className="mt-1 text-xs text-amber-800 dark:text-amber-200">{p.note}</p> : null}
              {!p.configured ? <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">Not set up on this server.</p> : null}
            </div>
            {p.configured && p.oauth ? (
              <a href={`/api/calendar/${p.id}/start`} className={buttonClasses('secondary')}>
                Connect {p.label}
              </a>
            ) : null}
            {p.id === 'calendly' && p.configured ? (
              <CalendlyTokenForm
                onConnected={async () => {
                  setMessage({ tone: 'success', text: 'Calendly connected. Its scheduled events will block your slots in a moment.' });
                  await reload();
                }}
              />
            ) : null}
          </li>
        ))}
      </ul>

      {overview.connections.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">
          No calendar connected yet. Sessions still reach you as calendar files attached to emails.
        </p>
      ) : (
        <ul className="space-y-4" aria-label="Your calendar connections">
          {overview.connections.map((c) => {
            const label = overview.providers.find((p) => p.id === c.provider)?.label ?? c.provider;
            const synced = ago(c.lastSyncedAt, now);
            return (
              <li key={c.id} className="rounded-xl border border-slate-200 p-4 dark:border-slate-700" aria-busy={busy === c.id}>
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div>
                    <p className="font-semibold">
                      {label} <span className="font-normal text-slate-600 dark:text-slate-300">· {c.accountEmail ?? 'account'}</span>
                    </p>
                    <p className="mt-1 text-sm text-slate-600 dark:text-slate-300" data-testid="sync-status">
                      {c.status === 'reconnect'
                        ? 'Access expired or was revoked: its busy times no longer block your slots.'
                        : c.lastSyncError
                          ? `Last sync failed (${c.lastSyncError.split(':')[0]})${synced ? `; busy times from ${synced} still apply` : ''}.`
                          : synced
                            ? `Last synced ${synced}.`
                            : 'First sync in progress…'}
                    </p>
                  </div>
                  <div className="flex flex-wrap items-center gap-2">
                    {c.status === 'reconnect' ? (
                      <Badge tone="warning">Reconnect needed</Badge>
                    ) : c.lastSyncError ? (
                      <Badge tone="warning">Sync error</Badge>
                    ) : (
                      <Badge tone="success">Connected</Badge>
                    )}
                  </div>
                </div>

                {c.status === 'active' && !c.lastSyncedAt && !c.lastSyncError ? (
                  <div className="mt-4 space-y-2" aria-hidden="true">
                    <div className="h-4 w-2/3 animate-pulse rounded bg-slate-200 dark:bg-slate-700" />
                    <div className="h-4 w-1/2 animate-pulse rounded bg-slate-200 dark:bg-slate-700" />
                  </div>
                ) : null}

                {c.status === 'active' ? (
                  <fieldset className="mt-4" disabled={busy === c.id}>
                    <legend className="text-sm font-semibold">Counts as busy</legend>
                    <ul className="mt-2 space-y-2">
                      {c.calendars.map((cal) => {
                        const checked = c.busyCalendarIds.includes(cal.id);
                        return (
                          <li key={cal.id}>
                            <label className="flex min-h-11 items-center gap-3 text-sm">
                              <input
                                type="checkbox"
                                className="size-5 rounded border-slate-400 focus-visible:ring-2 focus-visible:ring-brand-500"
                                checked={checked}
                                onChange={() =>
                                  void change(
                                    c,
                                    {
                                      busyCalendarIds: checked
                                        ? c.busyCalendarIds.filter((x) => x !== cal.id)
                                        : [...c.busyCalendarIds, cal.id],
                                    },
                                    checked ? `${cal.name} no longer blocks your slots.` : `${cal.name} now blocks your slots.`,
                                  )
                                }
                              />
                              <span>
                                {cal.name}
                                {cal.primary ? <span className="text-slate-500"> (primary)</span> : null}
                              </span>
                            </label>
                          </li>
                        );
                      })}
                    </ul>
                  </fieldset>
                ) : null}

                <div className="mt-4 flex flex-wrap gap-2">
                  {c.status === 'reconnect' ? (
                    <a href={`/api/calendar/${c.provider}/start`} className={buttonClasses('primary')}>
                      Reconnect {label}
                    </a>
                  ) : (
                    <Button variant="secondary" onClick={() => void syncNow(c)} disabled={busy === c.id}>
                      Sync now
                    </Button>
                  )}
                  <Button variant="ghost" onClick={() => void disconnect(c)} disabled={busy === c.id}>
                    Disconnect
                  </Button>
                </div>
              </li>
            );
          })}
        </ul>
      )}

      {writable.length ? (
        <fieldset className="rounded-xl border border-slate-200 p-4 dark:border-slate-700" disabled={busy !== null}>
          <legend className="px-1 text-sm font-semibold">Sessions go to</legend>
          <ul className="mt-2 space-y-2">
            {writable.flatMap((c) =>
              c.calendars
                .filter((cal) => cal.canWrite)
                .map((cal) => (
                  <li key={`${c.id}|${cal.id}`}>
                    <label className="flex min-h-11 items-center gap-3 text-sm">
                      <input
                        type="radio"
                        name="session-calendar"
                        className="size-5 focus-visible:ring-2 focus-visible:ring-brand-500"
                        checked={c.targetCalendarId === cal.id}
                        onChange={() => void change(c, { targetCalendarId: cal.id }, `New sessions go to ${cal.name}.`)}
                      />
                      <span>
                        {cal.name} <span className="text-slate-500">· {c.accountEmail}</span>
                      </span>
                    </label>
                  </li>
                )),
            )}
            <li>
              <label className="flex min-h-11 items-center gap-3 text-sm">
                <input
                  type="radio"
                  name="session-calendar"
                  className="size-5 focus-visible:ring-2 focus-visible:ring-brand-500"
                  checked={!target}
                  onChange={() => target && void change(target, { targetCalendarId: null }, 'Sessions are no longer added to a calendar.')}
                />
                <span>None (calendar files by email only)</span>
              </label>
            </li>
          </ul>
        </fieldset>
      ) : null}
    </section>
  );
}
