import type { TSlotView } from '@/lib/booking/contract';
import { dateTimeLabel, dayKey, dayLabel, offsetChangeBetween, timeLabel } from './zoned';

/** "Tue, Mar 3, 9:00 PM your time · 10:30 AM Emily's time", and a warning when clocks change before it. */
export function SlotSummary({
  slot,
  tz,
  expertTimeZone,
  expertName,
  now,
}: {
  slot: TSlotView;
  tz: string;
  expertTimeZone: string;
  expertName: string;
  now: number;
}) {
  const first = expertName.split(/\s+/)[0] ?? expertName;
  const expertDay =
    dayKey(slot.start, expertTimeZone) !== dayKey(slot.start, tz) ? `${dayLabel(dayKey(slot.start, expertTimeZone))}, ` : '';
  const changes = [...new Set([tz, expertTimeZone])]
    .map((zone) => ({ zone, at: offsetChangeBetween(now, slot.start, zone) }))
    .filter((c): c is { zone: string; at: number } => c.at !== null);
  return (
    <div className="space-y-2" data-testid="slot-summary">
      <p className="text-sm">
        <span className="font-semibold">{dateTimeLabel(slot.start, tz)}</span>–{timeLabel(slot.end, tz)} your time
        <span className="block text-slate-600 dark:text-slate-400">
          {expertDay}
          {timeLabel(slot.start, expertTimeZone)}–{timeLabel(slot.end, expertTimeZone)} {first}&apos;s time (
          {expertTimeZone.replaceAll('_', ' ')})
        </span>
      </p>
      {changes.map((c) => (
        <p
          key={c.zone}
          role="note"
          data-testid="dst-warning"
          className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100"
        >
          Clocks change in {c.zone.replaceAll('_', ' ')} ({c.zone === tz ? 'your zone' : `${first}'s zone`}) on{' '}
          {dateTimeLabel(c.at, c.zone)} before this session. The times shown already account for it.
        </p>
      ))}
    </div>
  );
}
