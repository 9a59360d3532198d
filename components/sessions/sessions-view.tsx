'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import type { TBookingStatus, TBookingView } from '@/lib/booking/contract';
import { listBookings } from '@/components/booking/api';
import { useSlotsLive } from '@/components/booking/use-slots-live';
import { useZoneOptions } from '@/components/booking/use-zone-options';
import { browserZone, dateTimeLabel, dayKey, dayLabel, timeLabel } from '@/components/booking/zoned';
import { JoinButton } from './join-button';
import { SessionDetail } from './session-detail';

const STATUS: Record<TBookingStatus, { label: string; tone: 'neutral' | 'brand' | 'success' | 'warning' }> = {
  held: { label: 'Held, awaiting payment', tone: 'warning' },
  confirmed: { label: 'Confirmed', tone: 'success' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
  expired: { label: 'Hold expired', tone: 'neutral' },
  completed: { label: 'Completed', tone: 'brand' },
  no_show: { label: 'No-show', tone: 'warning' },
};

/** Refetches when this expert's calendar changes anywhere (a hold, payment, cancellation, reschedule or expiry). */
function WatchExpert({ id, onChange }: { id: string; onChange: () => void }) {
  useSlotsLive(id, onChange);
  return null;
}

/**
 * My sessions (learner) / Sessions (expert): upcoming and past, each in the viewer's zone with the other side's.
 * The list follows the calendars of the experts on it (and the expert's own) live over the public slots channel.
 */
export function SessionsView({ role, ownExpertId = null }: { role: 'learner' | 'expert'; ownExpertId?: string | null }) {
  const [scope, setScope] = useState<'upcoming' | 'past'>('upcoming');
  const [tz, setTz] = useState(browserZone);
  const zones = useZoneOptions(tz);
  const [lists, setLists] = useState<{ scope: string; bookings: TBookingView[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [flash, setFlash] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void listBookings(scope).then((r) => {
      if (!live) return;
      if (r.ok) {
        setLists({ scope, bookings: r.data.bookings });
        setError(null);
      } else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [scope, reload]);

  const bookings = lists?.scope === scope ? lists.bookings : null;
  // At most 20 calendars per socket (lib/realtime/events.ts MAX_WATCHED_EXPERTS).
  const watched = [...new Set([...(ownExpertId ? [ownExpertId] : []), ...(lists?.bookings ?? []).map((b) => b.expert.id)])].slice(0, 20);
  const refetch = () => setReload((n) => n + 1);
  const update = (nb: TBookingView) => {
    if (nb.status === 'cancelled') {
      setFlash(`Session cancelled${nb.refundPercent !== null ? ` (refund: ${nb.refundPercent}%)` : ''}. It is listed under Past.`);
    } else if (nb.status === 'no_show') {
      setFlash('No-show recorded. The session is listed under Past.');
    }
    setLists((l) => (l ? { ...l, bookings: l.bookings.map((b) => (b.id === nb.id ? { ...b, ...nb } : b)) } : l));
    setReload((n) => n + 1);
  };

  return (
    <div className="space-y-4">
      {watched.map((id) => (
        <WatchExpert key={id} id={id} onChange={refetch} />
      ))}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div
          role="tablist"
          aria-label="Sessions"
          className="inline-flex self-start rounded-xl border border-slate-300 p-1 dark:border-slate-700"
        >
          {(['upcoming', 'past'] as const).map((s) => (
            <button
              key={s}
              role="tab"
              type="button"
              aria-selected={scope === s}
              onClick={() => {
                setScope(s);
                setOpen(null);
                setFlash(null);
              }}
              className={cn(
                'rounded-lg px-4 py-1.5 text-sm font-medium',
                scope === s
                  ? 'bg-brand-700 text-white dark:bg-brand-500 dark:text-slate-950'
                  : 'hover:bg-slate-100 dark:hover:bg-slate-800',
              )}
            >
              {s === 'upcoming' ? 'Upcoming' : 'Past'}
            </button>
          ))}
        </div>
        <div className="text-sm">
          <label htmlFor="sessions-zone" className="mr-2 font-medium">
            Times in
          </label>
          <select
            id="sessions-zone"
            value={tz}
            onChange={(e) => setTz(e.target.value)}
            className="max-w-[14rem] rounded-xl border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-950"
          >
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        </div>
      </div>

      {flash ? (
        <p
          role="status"
          className="rounded-xl border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
        >
          {flash}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}

      {!bookings && !error ? (
        <ul aria-hidden="true" className="space-y-3">
          {[0, 1, 2].map((i) => (
            <li key={i} className="card h-24 animate-pulse bg-slate-100 dark:bg-slate-900" />
          ))}
        </ul>
      ) : null}

      {bookings && bookings.length === 0 ? (
        <div className="card flex flex-col items-center px-6 py-12 text-center">
          <h2 className="text-lg font-semibold">{scope === 'upcoming' ? 'No upcoming sessions' : 'No past sessions yet'}</h2>
          <p className="mt-2 max-w-md text-sm text-slate-600 dark:text-slate-400">
            {role === 'learner'
              ? 'Book a 1:1 session from an expert’s profile; it appears here in your time zone.'
              : 'Sessions learners book with you appear here in your time zone.'}
          </p>
          {role === 'learner' && scope === 'upcoming' ? (
            <Link href="/experts" className={buttonClasses('primary') + ' mt-6'}>
              Find an expert
            </Link>
          ) : null}
        </div>
      ) : null}

      {bookings?.length ? (
        <ul className="space-y-3" data-testid="sessions-list">
          {bookings.map((b) => {
            const other = role === 'expert' ? b.learner : b.expert;
            const st = STATUS[b.status] ?? { label: b.status, tone: 'neutral' as const };
            const otherDay =
              dayKey(b.start, other.timeZone) !== dayKey(b.start, tz) ? `${dayLabel(dayKey(b.start, other.timeZone))}, ` : '';
            const isOpen = open === b.id;
            return (
              <li key={b.id} className="card p-4 sm:p-5" data-testid="session-item" data-booking-id={b.id} data-start={b.start}>
                <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
                  <div className="min-w-0">
                    <p className="font-semibold">
                      {dateTimeLabel(b.start, tz)}–{timeLabel(b.end, tz)}
                      <span className="font-normal text-slate-600 dark:text-slate-400"> · {b.lengthMinutes} min</span>
                    </p>
                    <p className="text-sm">
                      {role === 'expert' ? 'With learner ' : 'With '}
                      {role === 'learner' ? (
                        <Link className="link" href={`/experts/${b.expert.slug}`}>
                          {other.name}
                        </Link>
                      ) : (
                        other.name
                      )}
                    </p>
                    <p className="text-xs text-slate-600 dark:text-slate-400">
                      {otherDay}
                      {timeLabel(b.start, other.timeZone)} {other.name.split(/\s+/)[0]}&apos;s time ({other.timeZone.replaceAll('_', ' ')})
                    </p>
                  </div>
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={st.tone}>{st.label}</Badge>
                    <JoinButton booking={b} tz={tz} />
                    <button
                      type="button"
                      aria-expanded={isOpen}
                      aria-controls={`detail-${b.id}`}
                      onClick={() => setOpen(isOpen ? null : b.id)}
                      className={buttonClasses('secondary')}
                    >
                      {isOpen ? 'Hide details' : 'Details'}
                    </button>
                  </div>
                </div>
                {isOpen ? (
                  <div id={`detail-${b.id}`} className="mt-4">
                    <SessionDetail booking={b} tz={tz} onTz={setTz} onChanged={update} />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
