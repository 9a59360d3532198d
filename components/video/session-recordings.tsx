'use client';

import { useEffect, useState } from 'react';
import { Button, buttonClasses } from '@/components/ui/button';
import type { TRecordingsState } from '@/lib/video/recordings';
import { deleteRecording, formatBytes, getRecordings } from './recording-api';

const dateLabel = (iso: string, tz: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: tz }).format(new Date(iso));

/** The session's stored recordings for its two participants: download (a 5-minute link) and delete (after confirming). */
export function SessionRecordings({ bookingId, tz }: { bookingId: string; tz: string }) {
  const [s, setS] = useState<TRecordingsState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    void getRecordings(bookingId).then((r) => {
      if (!live) return;
      if (r.ok) setS(r.data);
      else setError(r.message);
    });
    return () => {
      live = false;
    };
  }, [bookingId, tick]);

  if (error) return null; // not a participant (admins): nothing to show here
  if (!s) return <div className="h-6 w-48 animate-pulse rounded bg-slate-100 dark:bg-slate-900" aria-label="Loading recordings" />;
  if (!s.ready.length) return null;

  async function remove(id: string) {
    const r = await deleteRecording(bookingId, id);
    setConfirming(null);
    if (!r.ok) setError(r.message);
    setTick((n) => n + 1);
  }

  return (
    <div data-testid="session-recordings">
      <h4 className="font-semibold">Recordings</h4>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Visible to you and the other participant only; each is deleted {s.retentionDays} days after it was saved.
      </p>
      <ul className="mt-1 space-y-2">
        {s.ready.map((r) => (
          <li key={r.id} className="flex flex-wrap items-center gap-2">
            <span>
              {r.readyAt ? dateLabel(r.readyAt, tz) : 'Recording'} ·{' '}
              {r.durationSeconds !== null
                ? r.durationSeconds < 60
                  ? `${r.durationSeconds} s · `
                  : `${Math.round(r.durationSeconds / 60)} min · `
                : ''}
              {r.sizeBytes !== null ? formatBytes(r.sizeBytes) : ''}
              {r.deleteAfter ? ` · deleted on ${dateLabel(r.deleteAfter, tz)}` : ''}
            </span>
            {r.downloadUrl ? (
              <a className={buttonClasses('secondary')} href={r.downloadUrl} download={`session-${bookingId.slice(0, 8)}.webm`}>
                Download recording
              </a>
            ) : null}
            {confirming === r.id ? (
              <span role="alertdialog" aria-label="Confirm deletion" className="flex items-center gap-2">
                <span>Delete it for both of you? This cannot be undone.</span>
                <Button type="button" variant="danger" onClick={() => void remove(r.id)}>
                  Yes, delete
                </Button>
                <Button type="button" variant="ghost" onClick={() => setConfirming(null)} autoFocus>
                  Keep it
                </Button>
              </span>
            ) : (
              <Button type="button" variant="ghost" onClick={() => setConfirming(r.id)}>
                Delete recording
              </Button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
