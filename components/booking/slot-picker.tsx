'use client';

import { AnimatePresence, m } from 'framer-motion';
import { useEffect, useMemo, useState } from 'react';
import type { TSlotsResponse, TSlotView } from '@/lib/booking/contract';
import { formatMoney } from '@/lib/money/format-money';
import { cn } from '@/components/ui/cn';
import { MotionFeatures } from '@/components/ui/lazy-motion';
import { fetchSlots } from './api';
import { useNow } from './use-now';
import { useSlotsLive } from './use-slots-live';
import { useZoneOptions } from './use-zone-options';
import { addDays, addMonths, dayKey, dayLabel, groupByDay, monthLabel, timeLabel } from './zoned';

export type TOffering = { lengthMinutes: number; priceMinor: number; currency: string };

export type TSlotPickerProps = {
  slug: string;
  expertId: string;
  expertName: string;
  expertTimeZone: string;
  offerings: TOffering[];
  /** The viewer's zone (the panel owns it so the summary and the booking use the same one). */
  timeZone: string;
  onTimeZoneChange(tz: string): void;
  lengthMinutes: number | null;
  onLengthChange?(length: number): void;
  selected: TSlotView | null;
  onSelect(slot: TSlotView | null): void;
  /** Fresh slots from a 409 answer: shown at once, before the refetch. */
  fresh?: TSlotsResponse | null;
  realtimeUrl?: string | null;
  /** Rescheduling keeps the length. */
  lockLength?: boolean;
};

const firstName = (name: string) => name.split(/\s+/)[0] ?? name;

/** Length tabs, month navigation, a strip of days and that day's slots, in the viewer's zone, kept live. */
export function SlotPicker(p: TSlotPickerProps) {
  const { slug, expertId, timeZone: tz, lengthMinutes, onSelect, selected } = p;
  const today = dayKey(useNow(), tz);
  const [month, setMonth] = useState(today.slice(0, 7));
  const [loaded, setLoaded] = useState<{ key: string; data: TSlotsResponse } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const [reload, setReload] = useState({ n: 0, quiet: false });

  const from = month === today.slice(0, 7) ? today : `${month}-01`;
  const to = `${addMonths(month, 1)}-01`;
  const key = `${slug}|${from}|${to}|${lengthMinutes ?? ''}|${tz}`;
  // Slots fetched for other inputs (another month, length or zone) are not shown while the new ones load.
  const data = loaded?.key === key ? loaded.data : null;

  useEffect(() => {
    const ctrl = new AbortController();
    void fetchSlots({ slug, from, to, length: lengthMinutes, tz }, ctrl.signal).then((res) => {
      if (ctrl.signal.aborted) return;
      setLoading(false);
      if (res.ok) {
        setLoaded({ key, data: res.data });
        setError(null);
      } else if (res.error.code !== 'aborted') {
        setError(res.error.message);
      }
    });
    return () => ctrl.abort();
  }, [slug, from, to, lengthMinutes, tz, reload, key]);

  const refetch = (quiet: boolean) => {
    if (!quiet) setLoading(true);
    setReload((r) => ({ n: r.n + 1, quiet }));
  };

  useEffect(() => {
    // Fresh slots from a 409 answer replace the stale list at once.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (p.fresh) setLoaded({ key, data: p.fresh });
    // Only a new 409 answer should replace the list, not a change of inputs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [p.fresh]);

  useSlotsLive(expertId, () => refetch(true), p.realtimeUrl ?? null);

  const slots = useMemo(
    () => (data ? data.slots.filter((s) => dayKey(s.start, tz) >= from && dayKey(s.start, tz) < to) : []),
    [data, tz, from, to],
  );
  const byDay = useMemo(() => groupByDay(slots, tz), [slots, tz]);
  const days = useMemo(() => {
    const out: string[] = [];
    for (let d = from; d < to; d = addDays(d, 1)) out.push(d);
    return out;
  }, [from, to]);
  const activeDay = day && byDay.has(day) ? day : ([...byDay.keys()][0] ?? null);
  const daySlots = activeDay ? (byDay.get(activeDay) ?? []) : [];

  // The selected slot vanished (taken elsewhere): drop the selection so it cannot be booked.
  useEffect(() => {
    if (selected && data && !data.slots.some((s) => s.start === selected.start)) onSelect(null);
  }, [data, selected, onSelect]);

  const offerings = data?.offerings.length ? data.offerings : p.offerings;
  const activeLength = lengthMinutes ?? data?.lengthMinutes ?? offerings[0]?.lengthMinutes ?? null;
  const expertFirst = firstName(p.expertName);
  const zones = useZoneOptions(tz);

  return (
    <MotionFeatures>
      <div className="space-y-4" data-testid="slot-picker">
        {!p.lockLength && offerings.length > 1 ? (
          <div role="group" aria-label="Session length" className="flex flex-wrap gap-2">
            {offerings.map((o) => (
              <button
                key={o.lengthMinutes}
                type="button"
                aria-pressed={activeLength === o.lengthMinutes}
                onClick={() => {
                  p.onLengthChange?.(o.lengthMinutes);
                  onSelect(null);
                }}
                className={cn(
                  'rounded-xl border px-3 py-2 text-left text-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600',
                  activeLength === o.lengthMinutes
                    ? 'border-brand-700 bg-brand-50 font-semibold text-brand-900 dark:border-brand-400 dark:bg-brand-950 dark:text-brand-100'
                    : 'border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800',
                )}
              >
                <span className="block">{o.lengthMinutes} min</span>
                <span className="block text-xs">{formatMoney(o.priceMinor, o.currency)}</span>
              </button>
            ))}
          </div>
        ) : null}

        <div>
          <label htmlFor="booking-zone" className="block text-sm font-medium">
            Your time zone
          </label>
          <select
            id="booking-zone"
            value={tz}
            onChange={(e) => {
              p.onTimeZoneChange(e.target.value);
              onSelect(null);
            }}
            className="mt-1 block w-full rounded-xl border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-950"
          >
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        </div>

        <div className="flex items-center justify-between">
          <button
            type="button"
            className="rounded-lg px-2 py-1 text-lg hover:bg-slate-100 disabled:opacity-40 dark:hover:bg-slate-800"
            aria-label="Previous month"
            disabled={month <= today.slice(0, 7)}
            onClick={() => {
              setMonth(addMonths(month, -1));
              setDay(null);
            }}
          >
            ‹
          </button>
          <h3 className="text-sm font-semibold" aria-live="polite">
            {monthLabel(month)}
          </h3>
          <button
            type="button"
            className="rounded-lg px-2 py-1 text-lg hover:bg-slate-100 disabled:opacity-40 dark:hover:bg-slate-800"
            aria-label="Next month"
            disabled={month >= addMonths(today.slice(0, 7), 5)}
            onClick={() => {
              setMonth(addMonths(month, 1));
              setDay(null);
            }}
          >
            ›
          </button>
        </div>

        {error ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}{' '}
            <button type="button" className="link" onClick={() => refetch(false)}>
              Try again
            </button>
          </p>
        ) : null}

        {(loading || !data) && !error ? (
          <div aria-hidden="true" data-testid="slots-skeleton" className="space-y-3">
            <div className="flex gap-2 overflow-hidden">
              {Array.from({ length: 6 }, (_, i) => (
                <div key={i} className="h-14 w-14 shrink-0 animate-pulse rounded-xl bg-slate-200 dark:bg-slate-800" />
              ))}
            </div>
            <div className="grid grid-cols-2 gap-2">
              {Array.from({ length: 6 }, (_, i) => (
                <div key={i} className="h-12 animate-pulse rounded-xl bg-slate-200 dark:bg-slate-800" />
              ))}
            </div>
          </div>
        ) : (
          <>
            <ul aria-label="Days" className="-mx-1 flex gap-1.5 overflow-x-auto px-1 pb-2">
              {days.map((d) => {
                const count = byDay.get(d)?.length ?? 0;
                const [, , dd] = d.split('-');
                return (
                  <li key={d}>
                    <button
                      type="button"
                      disabled={!count}
                      aria-pressed={activeDay === d}
                      aria-label={`${dayLabel(d, undefined, true)}: ${count ? `${count} ${count === 1 ? 'time' : 'times'}` : 'no times'}`}
                      onClick={() => setDay(d)}
                      className={cn(
                        'flex w-12 shrink-0 flex-col items-center rounded-xl border py-1.5 text-xs focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600',
                        activeDay === d
                          ? 'border-brand-700 bg-brand-700 text-white dark:border-brand-400 dark:bg-brand-500 dark:text-slate-950'
                          : count
                            ? 'border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800'
                            : 'border-transparent text-slate-400 dark:text-slate-600',
                      )}
                    >
                      <span>{dayLabel(d).split(',')[0]}</span>
                      <span className="text-base font-semibold">{Number(dd)}</span>
                    </button>
                  </li>
                );
              })}
            </ul>

            {activeDay ? (
              <section aria-label={`Times on ${dayLabel(activeDay, undefined, true)}`}>
                <h4 className="text-sm font-semibold">{dayLabel(activeDay, undefined, true)}</h4>
                <ul className="mt-2 grid grid-cols-1 gap-2 min-[360px]:grid-cols-2" data-testid="slot-list">
                  <AnimatePresence initial={false}>
                    {daySlots.map((s) => {
                      const isSelected = selected?.start === s.start;
                      const expertDay =
                        dayKey(s.start, p.expertTimeZone) !== dayKey(s.start, tz)
                          ? ` (${dayLabel(dayKey(s.start, p.expertTimeZone))})`
                          : '';
                      return (
                        <m.li
                          key={s.start}
                          layout
                          initial={{ opacity: 0 }}
                          animate={{ opacity: 1 }}
                          exit={{ opacity: 0, scale: 0.95 }}
                          transition={{ duration: 0.15 }}
                        >
                          <button
                            type="button"
                            data-start={s.start}
                            aria-pressed={isSelected}
                            onClick={() => onSelect(isSelected ? null : s)}
                            className={cn(
                              'w-full rounded-xl border px-3 py-2 text-left focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600',
                              isSelected
                                ? 'border-brand-700 bg-brand-700 text-white dark:border-brand-400 dark:bg-brand-500 dark:text-slate-950'
                                : 'border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800',
                            )}
                          >
                            <span className="block font-semibold" data-testid="slot-local">
                              {timeLabel(s.start, tz)}
                            </span>
                            <span
                              className={cn(
                                'block text-xs',
                                isSelected ? 'text-white/90 dark:text-slate-900' : 'text-slate-600 dark:text-slate-400',
                              )}
                              data-testid="slot-expert"
                            >
                              {timeLabel(s.start, p.expertTimeZone)}
                              {expertDay} {expertFirst}&apos;s time
                            </span>
                          </button>
                        </m.li>
                      );
                    })}
                  </AnimatePresence>
                </ul>
              </section>
            ) : (
              <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="no-slots">
                No free times in {monthLabel(month)}.{' '}
                {month < addMonths(today.slice(0, 7), 5) ? (
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      setMonth(addMonths(month, 1));
                      setDay(null);
                    }}
                  >
                    Try next month
                  </button>
                ) : null}
              </p>
            )}
            <p className="text-xs text-slate-600 dark:text-slate-400">
              Times in {tz.replaceAll('_', ' ')}; {expertFirst}&apos;s times in {p.expertTimeZone.replaceAll('_', ' ')}.
            </p>
          </>
        )}
      </div>
    </MotionFeatures>
  );
}
