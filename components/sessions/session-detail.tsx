'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { Button, buttonClasses } from '@/components/ui/button';
import type { TBookingDetail, TBookingView } from '@/lib/booking/contract';
import { getBooking, icsUrl, reportNoShow } from '@/components/booking/api';
import { dateTimeLabel } from '@/components/booking/zoned';
import { CancelDialog } from './cancel-dialog';
import { JoinButton } from './join-button';
import { PrivateNotes } from './private-notes';
import { AttendanceSummary } from '@/components/video/attendance-summary';
import { SessionRecordings } from '@/components/video/session-recordings';

// The reschedule panel (the slot picker with framer-motion, ~23 kB gzip) loads when the user asks to
// reschedule, not with /sessions (issue #15's 170 kB budget); pointing at or focusing the button starts the
// download, and a status line stands in meanwhile.
const loadReschedule = () => import('./reschedule-panel');
const ReschedulePanel = dynamic(() => loadReschedule().then((m) => m.ReschedulePanel), {
  ssr: false,
  loading: () => (
    <p role="status" aria-busy="true" className="text-sm text-slate-600 dark:text-slate-400">
      Loading the available times…
    </p>
  ),
});

const EVENT_LABELS: Record<string, string> = {
  held: 'Held',
  confirmed: 'Paid and confirmed',
  paid: 'Paid',
  cancelled: 'Cancelled',
  expired: 'Hold expired',
  rescheduled: 'Rescheduled',
  completed: 'Completed',
  no_show: 'No-show reported',
  no_show_reported: 'No-show reported',
  no_show_contradicted: 'No-show report contradicted by attendance',
  no_show_overturned: 'No-show overturned after review',
  no_show_upheld: 'No-show upheld after review',
};

/** One session's brief, curriculum (with progress for the expert), history and actions. */
export function SessionDetail({
  booking,
  tz,
  onTz,
  onChanged,
}: {
  booking: TBookingView;
  tz: string;
  onTz(tz: string): void;
  onChanged(b: TBookingView): void;
}) {
  const [detail, setDetail] = useState<TBookingDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mode, setMode] = useState<'none' | 'cancel' | 'reschedule' | 'no-show'>('none');
  const [noShowNote, setNoShowNote] = useState('');
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void getBooking(booking.id).then((r) => {
      if (!live) return;
      if (r.ok) setDetail(r.data.booking);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [booking.id, booking.status, booking.start]);

  const b = detail ?? booking;
  const isExpert = b.viewerRole === 'expert';
  const other = isExpert ? b.learner : b.expert;

  async function sendNoShow() {
    const r = await reportNoShow(b.id, noShowNote);
    if (r.ok) {
      setMode('none');
      setNotice('Your no-show report was recorded.');
      onChanged(r.data.booking);
    } else setError(r.error.message);
  }

  return (
    <div className="space-y-4 border-t border-slate-200 pt-4 text-sm dark:border-slate-800" data-testid="session-detail">
      {error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {notice ? <p role="status">{notice}</p> : null}
      <div>
        <h4 className="font-semibold">{isExpert ? "The learner's brief" : 'Your brief'}</h4>
        <p className="mt-1 whitespace-pre-line break-words" data-testid="session-brief">
          {b.brief || <span className="text-slate-500">No brief.</span>}
        </p>
      </div>
      {b.curriculum ? (
        <div>
          <h4 className="font-semibold">Attached curriculum</h4>
          <p className="mt-1">
            {b.curriculum.title}
            {b.curriculum.moduleTitle ? ` — module: ${b.curriculum.moduleTitle}` : ''}
          </p>
          {detail?.progress ? (
            <div className="mt-2">
              <div
                role="progressbar"
                aria-valuenow={detail.progress.percent}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-label={`${isExpert ? "Learner's" : 'Your'} progress`}
                className="h-2 w-full max-w-xs overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
              >
                <div className="h-full bg-brand-600" style={{ width: `${detail.progress.percent}%` }} />
              </div>
              <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                {detail.progress.completedItems} of {detail.progress.totalItems} lessons done ({detail.progress.percent}%)
              </p>
            </div>
          ) : null}
        </div>
      ) : null}

      {b.status === 'confirmed' ? (
        <div>
          <h4 className="font-semibold">Video</h4>
          {b.joinUrl ? (
            <div className="mt-1 flex flex-wrap items-center gap-3">
              <JoinButton booking={b} tz={tz} />
              <span className="text-slate-600 dark:text-slate-400">
                {b.joinUrl.startsWith('https://') ? 'Zoom meeting' : 'Built-in video room'}: it opens{' '}
                {Math.round((Date.parse(b.start) - Date.parse(b.joinOpensAt ?? b.start)) / 60_000)} minutes before the start and closes{' '}
                {Math.round((Date.parse(b.joinClosesAt ?? b.end) - Date.parse(b.end)) / 60_000)} minutes after the end.
                {b.video.note ? ` ${b.video.note}` : ''}
              </span>
            </div>
          ) : (
            <p className="mt-1 text-slate-600 dark:text-slate-400">The video room has closed.</p>
          )}
        </div>
      ) : null}

      {detail ? <AttendanceSummary a={detail.attendance} tz={tz} viewerRole={b.viewerRole} /> : null}
      {b.viewerRole !== 'admin' && b.status !== 'held' && b.status !== 'expired' ? <SessionRecordings bookingId={b.id} tz={tz} /> : null}

      {isExpert && detail ? <PrivateNotes bookingId={b.id} initial={detail.notes ?? ''} /> : null}

      {detail?.events.length ? (
        <div>
          <h4 className="font-semibold">History</h4>
          <ol className="mt-1 space-y-0.5 text-slate-700 dark:text-slate-300">
            {detail.events.map((e, i) => (
              <li key={i}>
                {dateTimeLabel(e.at, tz)} · {EVENT_LABELS[e.kind] ?? e.kind}
                {e.actorRole ? ` by ${e.actorRole === b.viewerRole ? 'you' : e.actorRole}` : ''}
                {e.kind === 'rescheduled' && typeof e.data.from === 'string' ? ` (was ${dateTimeLabel(e.data.from, tz)})` : ''}
              </li>
            ))}
          </ol>
        </div>
      ) : null}

      {mode === 'reschedule' ? (
        <ReschedulePanel
          booking={b}
          tz={tz}
          onTz={onTz}
          onClose={() => setMode('none')}
          onDone={(nb) => {
            setMode('none');
            setNotice(`Moved to ${dateTimeLabel(nb.start, tz)}.`);
            onChanged(nb);
          }}
        />
      ) : null}
      {mode === 'no-show' ? (
        <div className="space-y-2">
          <label htmlFor={`noshow-${b.id}`} className="block font-medium">
            What happened? (optional)
          </label>
          <textarea
            id={`noshow-${b.id}`}
            value={noShowNote}
            onChange={(e) => setNoShowNote(e.target.value)}
            rows={2}
            maxLength={2000}
            className="block w-full rounded-xl border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-700 dark:bg-slate-950"
          />
          <div className="flex gap-2">
            <Button type="button" variant="danger" onClick={() => void sendNoShow()}>
              Report {other.name} absent
            </Button>
            <Button type="button" variant="ghost" onClick={() => setMode('none')}>
              Never mind
            </Button>
          </div>
        </div>
      ) : null}

      <div className="flex flex-wrap gap-2">
        {b.canReschedule && mode !== 'reschedule' ? (
          <Button
            type="button"
            variant="secondary"
            onClick={() => setMode('reschedule')}
            onPointerEnter={() => void loadReschedule()}
            onFocus={() => void loadReschedule()}
          >
            Reschedule
          </Button>
        ) : null}
        {b.canCancel ? (
          <Button type="button" variant="secondary" onClick={() => setMode('cancel')}>
            Cancel session
          </Button>
        ) : null}
        {b.canReportNoShow && mode !== 'no-show' ? (
          <Button type="button" variant="ghost" onClick={() => setMode('no-show')}>
            Report a no-show
          </Button>
        ) : null}
        {b.status === 'confirmed' || b.status === 'cancelled' ? (
          <a href={icsUrl(b.id)} download className={buttonClasses('ghost')}>
            Calendar file (.ics)
          </a>
        ) : null}
        {b.canReview ? (
          <Link href={`/sessions/${b.id}/review`} className={buttonClasses('primary')}>
            Leave a review
          </Link>
        ) : null}
      </div>
      {mode === 'cancel' ? (
        <CancelDialog
          booking={b}
          onClose={() => setMode('none')}
          onDone={(nb) => {
            setMode('none');
            setNotice(nb.refundPercent !== null ? `Cancelled. Refund: ${nb.refundPercent}%.` : 'Cancelled.');
            onChanged(nb);
          }}
        />
      ) : null}
    </div>
  );
}
