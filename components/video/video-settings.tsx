'use client';

import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { TVideoSettings } from '@/lib/video/offering-video';

const LABEL = { builtin: 'Pathwise video room', zoom: 'Zoom', google_meet: 'Google Meet' } as const;

/**
 * Which video each session type uses. The choices are the ones this Pathwise has configured (Zoom with its
 * Server-to-Server app; Google Meet once the Google Calendar integration is there): with only the built-in
 * room there is nothing to choose and the section says so.
 */
export function VideoSettings() {
  const [s, setS] = useState<TVideoSettings | null>(null);
  const [draft, setDraft] = useState<Record<number, string>>({});
  const [msg, setMsg] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    void fetch('/api/expert/video-settings', { cache: 'no-store' })
      .then((r) => (r.ok ? (r.json() as Promise<TVideoSettings>) : null))
      .then((v) => {
        if (!live || !v) return;
        setS(v);
        setDraft(Object.fromEntries(v.offerings.map((o) => [o.lengthMinutes, o.videoProvider])));
      });
    return () => {
      live = false;
    };
  }, []);

  if (!s) return <div className="h-24 animate-pulse rounded-2xl bg-slate-100 dark:bg-slate-900" aria-label="Loading video settings" />;

  async function save() {
    setSaving(true);
    setMsg(null);
    const res = await fetch('/api/expert/video-settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ offerings: Object.entries(draft).map(([len, p]) => ({ lengthMinutes: Number(len), videoProvider: p })) }),
    });
    const json = (await res.json().catch(() => null)) as (TVideoSettings & { error?: { message: string } }) | null;
    setSaving(false);
    if (res.ok && json) {
      setS(json);
      setMsg({ tone: 'ok', text: 'Saved. New bookings use these; booked sessions keep their video.' });
    } else setMsg({ tone: 'error', text: json?.error?.message ?? 'Could not save.' });
  }

  return (
    <section aria-labelledby="video-settings-h" className="card mt-6 space-y-3 p-4 sm:p-5" data-testid="video-settings">
      <h2 id="video-settings-h" className="text-lg font-semibold">
        Video for your sessions
      </h2>
      {s.available.length < 2 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Your sessions use the Pathwise video room (recording with both participants’ consent, attendance for no-show reports). Zoom
          appears here when this Pathwise has a Zoom app configured.
        </p>
      ) : (
        <>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Choose per session length. Zoom meetings are created when a session is confirmed, moved when it is rescheduled and deleted when
            it is cancelled; recording and attendance exist only in the Pathwise room.
          </p>
          <div className="grid gap-3 sm:grid-cols-2">
            {s.offerings.map((o) => (
              <label key={o.lengthMinutes} className="flex flex-col text-sm font-medium">
                {o.lengthMinutes}-minute sessions
                <select
                  className="mt-1 rounded-xl border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-700 dark:bg-slate-950"
                  value={draft[o.lengthMinutes] ?? o.videoProvider}
                  onChange={(e) => setDraft((d) => ({ ...d, [o.lengthMinutes]: e.target.value }))}
                >
                  {s.available.map((p) => (
                    <option key={p} value={p}>
                      {LABEL[p]}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <div className="flex items-center gap-3">
            <Button type="button" onClick={() => void save()} disabled={saving}>
              {saving ? 'Saving…' : 'Save video choices'}
            </Button>
            {msg ? (
              <p
                role={msg.tone === 'error' ? 'alert' : 'status'}
                className={msg.tone === 'error' ? 'text-sm text-red-700 dark:text-red-400' : 'text-sm'}
              >
                {msg.text}
              </p>
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}
