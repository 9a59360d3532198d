'use client';

import { useCallback, useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { TRecordingsState } from '@/lib/video/recordings';
import { answerConsent, askToRecord, formatBytes, getRecordings, stopRecording } from './recording-api';
import { useRoomMedia } from './room-context';
import { useRecorder } from './use-recorder';

const POLL_MS = 1500;

/**
 * Recording in the room (issue #13): either side asks; it starts only once BOTH have consented here; both see the
 * "Recording" indicator; either stops it or withdraws consent (which stops it). The asker's browser records and
 * uploads. State is read from the server every 1.5 s while the room is open, and at once after each action.
 */
export function RecordingPanel() {
  const { bookingId, role, localStream, remoteStream, peerHere } = useRoomMedia();
  const [s, setS] = useState<TRecordingsState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const recorder = useRecorder(bookingId);

  const refresh = useCallback(async () => {
    const r = await getRecordings(bookingId);
    if (r.ok) setS(r.data);
  }, [bookingId]);

  useEffect(() => {
    const first = setTimeout(() => void refresh(), 0);
    const t = setInterval(() => void refresh(), POLL_MS);
    return () => {
      clearTimeout(first);
      clearInterval(t);
    };
  }, [refresh]);

  const current = s?.current ?? null;
  const other = role === 'learner' ? 'the expert' : 'the learner';

  // The asker's browser records while the server says 'recording', and stops as soon as it does not.
  const { start, stop, activeId } = recorder;
  useEffect(() => {
    if (current?.status === 'recording' && current.viewerRecords && activeId() !== current.id) start(current.id, localStream, remoteStream);
    if (activeId() && (!current || current.status !== 'recording' || current.id !== activeId())) stop();
  }, [current, localStream, remoteStream, start, stop, activeId]);
  // Leaving the room stops the recorder (what was recorded is still uploaded).
  useEffect(() => () => stop(), [stop]);

  async function act(fn: () => Promise<{ ok: boolean; message?: string }>) {
    setBusy(true);
    setError(null);
    const r = await fn();
    if (!r.ok) setError(r.message ?? 'That did not work.');
    await refresh();
    setBusy(false);
  }

  if (!s) return <div className="h-12 animate-pulse rounded-xl bg-slate-100 dark:bg-slate-900" aria-label="Loading recording controls" />;

  const mine = role ?? 'learner';
  const myAnswer = current ? current.consent[mine] : null;
  const recording = current?.status === 'recording';

  return (
    <section aria-labelledby="rec-heading" className="space-y-2 rounded-2xl border border-slate-200 p-3 text-sm dark:border-slate-800">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="rec-heading" className="font-semibold">
          Recording
        </h2>
        {recording ? (
          <span
            role="status"
            data-testid="recording-indicator"
            className="inline-flex items-center gap-1.5 rounded-full bg-red-100 px-2.5 py-0.5 font-semibold text-red-800 dark:bg-red-950 dark:text-red-200"
          >
            <span aria-hidden className="h-2.5 w-2.5 animate-pulse rounded-full bg-red-600" />
            Recording
          </span>
        ) : (
          <span className="text-slate-600 dark:text-slate-400" data-testid="recording-off">
            Not recording
          </span>
        )}
      </div>

      {!current ? (
        <div className="flex flex-wrap items-center gap-2">
          <Button
            type="button"
            variant="secondary"
            disabled={busy || !s.roomOpen || !peerHere}
            onClick={() => void act(() => askToRecord(bookingId))}
          >
            Ask to record
          </Button>
          <span className="text-xs text-slate-600 dark:text-slate-400">
            {peerHere
              ? `Starts only when ${other} agrees too. Kept ${s.retentionDays} days, visible to you both only.`
              : `You can ask once ${other} is in the room.`}
          </span>
        </div>
      ) : current.status === 'requested' ? (
        myAnswer === true ? (
          <div className="flex flex-wrap items-center gap-2" data-testid="waiting-consent">
            <p role="status">Waiting for {other} to consent. Nothing is recorded until they do.</p>
            <Button type="button" variant="ghost" disabled={busy} onClick={() => void act(() => stopRecording(bookingId, current.id))}>
              Cancel request
            </Button>
          </div>
        ) : (
          <div role="alertdialog" aria-labelledby="consent-q" className="space-y-2 rounded-xl bg-amber-50 p-3 dark:bg-amber-950">
            <p id="consent-q" className="font-medium">
              {current.requestedBy === mine ? 'You' : current.requestedBy === 'expert' ? 'The expert' : 'The learner'} asked to record this
              session. Do you consent? It starts only if you both agree; you can withdraw at any time, which stops it.
            </p>
            <div className="flex gap-2">
              <Button type="button" disabled={busy} onClick={() => void act(() => answerConsent(bookingId, current.id, true))}>
                I consent
              </Button>
              <Button
                type="button"
                variant="secondary"
                disabled={busy}
                onClick={() => void act(() => answerConsent(bookingId, current.id, false))}
              >
                Decline
              </Button>
            </div>
          </div>
        )
      ) : recording ? (
        <div className="flex flex-wrap items-center gap-2">
          <Button type="button" variant="danger" disabled={busy} onClick={() => void act(() => stopRecording(bookingId, current.id))}>
            Stop recording
          </Button>
          <Button type="button" variant="ghost" disabled={busy} onClick={() => void act(() => answerConsent(bookingId, current.id, false))}>
            Withdraw my consent
          </Button>
          <span className="text-xs text-slate-600 dark:text-slate-400">
            {current.viewerRecords
              ? `Recording in this browser · ${formatBytes(recorder.state.sentBytes)} uploaded`
              : `Recorded in ${other}’s browser`}
          </span>
        </div>
      ) : (
        <p role="status" aria-busy="true">
          {current.stopReason === 'consent_withdrawn' ? 'Stopped: consent was withdrawn. ' : 'Stopped. '}
          Saving the recording…
        </p>
      )}

      {recorder.state.phase === 'saved' ? <p role="status">Saved. Both of you can download it from the session page.</p> : null}
      {recorder.state.error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {recorder.state.error}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {s.ready.length ? (
        <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="recordings-count">
          {s.ready.length} recording{s.ready.length === 1 ? '' : 's'} saved for this session (on the session page).
        </p>
      ) : null}
    </section>
  );
}
