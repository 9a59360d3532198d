'use client';

import { useEffect, useState } from 'react';
import { useSlotsLive } from '@/components/booking/use-slots-live';
import { Alert } from '@/components/ui/alert';
import { cn } from '@/components/ui/cn';
import { addDays, localDateOf, type TWeekView } from '@/lib/availability/week-range';
import { formatDay } from '@/lib/format/format';

type TItem = { kind: 'free' | 'held' | 'confirmed' | 'busy'; start: string; end: string; key: string };
// Each answer remembers the request it answers, so a newer request shows as loading without a reset in the effect.
type TState = { key: string; start: string | null } & (
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; week: TWeekView }
);

const KIND_STYLE: Record<TItem['kind'], string> = {
  free: 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100',
  confirmed: 'border-brand-700 bg-brand-700 text-white dark:border-brand-400 dark:bg-brand-500 dark:text-slate-950',
  held: 'border-dashed border-amber-500 bg-amber-50 text-amber-900 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-100',
  busy: 'border-slate-400 bg-slate-200 text-slate-800 [background-image:repeating-linear-gradient(135deg,transparent_0_6px,rgba(100,116,139,.25)_6px_8px)] dark:border-slate-500 dark:bg-slate-800 dark:text-slate-100',
};
const KIND_LABEL: Record<TItem['kind'], string> = { free: 'Free', confirmed: 'Booked', held: 'Held', busy: 'Busy' };

function timeFormat(timeZone: string) {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (iso: string) => f.format(new Date(iso));
}

/** Seven columns (Monday–Sunday in the expert's zone) of free slots, bookings and busy blocks, a week at a time. */
export function WeekView({ timeZone, refreshKey, realtimeUrl }: { timeZone: string; refreshKey: number; realtimeUrl: string | null }) {
  const [start, setStart] = useState<string | null>(null);
  const [state, setState] = useState<TState>({ key: '', start: null, status: 'loading' });
  // Bumped when a hold, booking, cancellation or expiry anywhere changes this expert's slots (Socket.IO).
  const [changes, setChanges] = useState(0);
  const key = `${start ?? ''}|${refreshKey}|${changes}`;
  useSlotsLive(state.status === 'ready' ? state.week.expertId : null, () => setChanges((n) => n + 1), realtimeUrl);
  const [length, setLength] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    fetch(`/api/expert/availability/week${start ? `?start=${start}` : ''}`, { headers: { accept: 'application/json' } })
      .then(async (res) => {
        const body = await res.json().catch(() => null);
        if (!live) return;
        if (res.ok && body?.week) setState({ key, start, status: 'ready', week: body.week as TWeekView });
        else setState({ key, start, status: 'error', message: body?.error?.message ?? `The server answered ${res.status}.` });
      })
      .catch(
        () => live && setState({ key, start, status: 'error', message: 'Could not reach Pathwise. Check your connection and try again.' }),
      );
    return () => {
      live = false;
    };
  }, [key, start]);

  const loading = state.key !== key;
  // After a save the same week stays on screen while it refreshes; another week waits behind the skeleton.
  const week = state.status === 'ready' && state.start === start ? state.week : null;
  const shown = week?.weekStart ?? start;
  const lengths = week?.slots?.map((s) => s.lengthMinutes) ?? [];
  const activeLength = length !== null && lengths.includes(length) ? length : lengths[0];

  return (
    <section aria-labelledby="week-heading" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="week-heading" className="text-lg font-semibold">
            Your week as learners see it
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
            {shown ? `${formatDay(shown, 'en-US', 'short')} – ${formatDay(addDays(shown, 6), 'en-US', 'medium')}` : 'This week'} · times in{' '}
            {timeZone}
          </p>
        </div>
        <div className="flex gap-2">
          <button
            type="button"
            className="rounded-xl border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800"
            disabled={!week || week.weekStart <= week.firstWeek}
            onClick={() => week && setStart(addDays(week.weekStart, -7))}
          >
            ← Previous week
          </button>
          <button
            type="button"
            className="rounded-xl border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800"
            disabled={!week || week.weekStart >= week.lastWeek}
            onClick={() => week && setStart(addDays(week.weekStart, 7))}
          >
            Next week →
          </button>
        </div>
      </div>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <ul className="flex flex-wrap gap-3 text-sm" aria-label="Legend">
          {(Object.keys(KIND_LABEL) as TItem['kind'][]).map((k) => (
            <li key={k} className="flex items-center gap-1.5">
              <span aria-hidden="true" className={cn('inline-block h-4 w-6 rounded border', KIND_STYLE[k])} />
              {k === 'free'
                ? 'Free slot'
                : k === 'confirmed'
                  ? 'Booked session'
                  : k === 'held'
                    ? 'Held (awaiting payment)'
                    : 'Busy (calendar)'}
            </li>
          ))}
        </ul>
        {lengths.length > 1 ? (
          <div role="group" aria-label="Session length" className="flex gap-1">
            {lengths.map((m) => (
              <button
                key={m}
                type="button"
                aria-pressed={m === activeLength}
                onClick={() => setLength(m)}
                className={cn(
                  'rounded-full px-3 py-1 text-sm font-medium',
                  m === activeLength
                    ? 'bg-brand-700 text-white dark:bg-brand-500 dark:text-slate-950'
                    : 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200',
                )}
              >
                {m} min
              </button>
            ))}
          </div>
        ) : null}
      </div>

      {!loading && state.status === 'error' ? <Alert tone="error">{state.message}</Alert> : null}
      {week && week.slots !== null && !week.open ? (
        <Alert tone="warning">
          Learners cannot book you right now (your profile is not listed, or is paused), so no slots are offered.
        </Alert>
      ) : null}
      {week && week.slots === null ? (
        <Alert tone="warning">Free slots are unavailable right now; your bookings and busy time are shown.</Alert>
      ) : null}
      {week ? <WeekGrid week={week} lengthMinutes={activeLength} busy={loading} /> : loading ? <WeekSkeleton /> : null}
    </section>
  );
}

function WeekGrid({ week, lengthMinutes, busy }: { week: TWeekView; lengthMinutes: number | undefined; busy: boolean }) {
  const fmt = timeFormat(week.timeZone);
  const free = week.slots?.find((s) => s.lengthMinutes === lengthMinutes)?.slots ?? [];
  const items: TItem[] = [
    ...free.map((s) => ({ kind: 'free' as const, start: s.start, end: s.end, key: `f-${s.start}` })),
    ...week.bookings.map((b) => ({ kind: b.status, start: b.start, end: b.end, key: `b-${b.id}` })),
    ...week.busy.map((b) => ({ kind: 'busy' as const, start: b.start, end: b.end, key: `x-${b.id}` })),
  ].sort((a, b) => a.start.localeCompare(b.start));
  const byDay = new Map<string, TItem[]>(week.days.map((d) => [d, []]));
  for (const it of items) byDay.get(localDateOf(Date.parse(it.start), week.timeZone))?.push(it);

  return (
    <div
      className={cn('grid grid-cols-1 gap-3 md:grid-cols-7', busy && 'opacity-60')}
      aria-busy={busy || undefined}
      data-testid="week-grid"
    >
      {week.days.map((day) => {
        const list = byDay.get(day) ?? [];
        const weekday = new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
        return (
          <section key={day} aria-label={`${weekday} ${formatDay(day)}`} className="card min-w-0 p-3">
            <h3 className="mb-2 text-sm font-semibold">
              {weekday} <span className="font-normal text-slate-600 dark:text-slate-400">{formatDay(day, 'en-US', 'short')}</span>
            </h3>
            {list.length === 0 ? (
              <p className="text-sm text-slate-500 dark:text-slate-400">
                {day < week.today ? 'Past' : week.slots === null ? 'No bookings' : 'Nothing free'}
              </p>
            ) : (
              <ul className="flex flex-wrap gap-1.5 md:flex-col">
                {list.map((it) => (
                  <li key={it.key} className={cn('rounded-md border px-2 py-1 text-xs font-medium tabular-nums', KIND_STYLE[it.kind])}>
                    {it.kind === 'free' ? fmt(it.start) : `${fmt(it.start)}–${fmt(it.end)}`}
                    <span className={it.kind === 'free' ? 'sr-only' : 'ml-1'}> {KIND_LABEL[it.kind]}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

function WeekSkeleton() {
  return (
    <div className="grid grid-cols-1 gap-3 md:grid-cols-7" aria-busy="true" aria-label="Loading the week">
      {Array.from({ length: 7 }, (_, i) => (
        <div key={i} className="card animate-pulse space-y-2 p-3">
          <div className="h-4 w-16 rounded bg-slate-200 dark:bg-slate-800" />
          <div className="h-6 rounded bg-slate-100 dark:bg-slate-800" />
          <div className="h-6 rounded bg-slate-100 dark:bg-slate-800" />
          <div className="h-6 rounded bg-slate-100 dark:bg-slate-800" />
        </div>
      ))}
    </div>
  );
}
