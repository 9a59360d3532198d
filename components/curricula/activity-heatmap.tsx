import { cn } from '@/components/ui/cn';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { formatDay, formatDuration } from '@/lib/format/format';

const LEVELS = ['bg-slate-200 dark:bg-slate-800', 'bg-brand-200', 'bg-brand-400', 'bg-brand-600', 'bg-brand-800'];
const LEGEND = ['none', 'under 20 min', '20–44 min', '45–89 min', '90 min or more'];
const level = (m: number) => (m === 0 ? 0 : m < 20 ? 1 : m < 45 ? 2 : m < 90 ? 3 : 4);
const utc = (key: string) => new Date(`${key}T00:00:00Z`);

/** Twelve weeks of learning days, a column per week (Monday on top), with weekday and month labels and a legend. */
export function ActivityHeatmap({ days, locale }: { days: { date: string; minutes: number; count: number }[]; locale: string }) {
  const first = days[0] ? (utc(days[0].date).getUTCDay() + 6) % 7 : 0;
  const cells = [...Array.from({ length: first }, () => null), ...days];
  const weeks = Array.from({ length: Math.ceil(cells.length / 7) }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  const active = days.filter((d) => d.count > 0).length;
  const month = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  // A week column is labelled with the month that starts in it (and the first column with its month).
  const monthLabels = weeks.map((w, i) => {
    const firstOfMonth = w.find((d) => d && d.date.endsWith('-01'));
    const shown = firstOfMonth ?? (i === 0 ? w.find((d) => d) : undefined);
    return shown ? month.format(utc(shown.date)) : '';
  });
  const rowLabels = Array.from({ length: 7 }, (_, r) =>
    r % 2 === 0 ? weekday.format(utc(`2026-11-${String(2 + r).padStart(2, '0')}`)) : '',
  ); // 2026-11-02 is a Monday
  return (
    <div>
      <ScrollRegion label="Activity, last twelve weeks">
        <div className="w-max text-xs text-slate-600 dark:text-slate-400" data-testid="heatmap-labels">
          <div className="ml-9 flex gap-1" aria-hidden>
            {monthLabels.map((m, i) => (
              <span key={i} className="w-3.5 overflow-visible whitespace-nowrap">
                {m}
              </span>
            ))}
          </div>
          <div className="mt-1 flex gap-1">
            <div className="grid w-8 grid-rows-7 gap-1" aria-hidden>
              {rowLabels.map((l, i) => (
                <span key={i} className="h-3.5 leading-[0.875rem]">
                  {l}
                </span>
              ))}
            </div>
            <div
              className="grid grid-flow-col grid-rows-7 gap-1"
              role="img"
              aria-label={`Activity over the last ${days.length} days: learned on ${active} days`}
              data-testid="heatmap"
            >
              {cells.map((d, i) =>
                d ? (
                  <div
                    key={d.date}
                    title={`${formatDay(d.date, locale)}: ${formatDuration(d.minutes, locale)}${d.count ? '' : ' (no activity)'}`}
                    data-level={level(d.minutes)}
                    className={cn('h-3.5 w-3.5 rounded-sm', LEVELS[level(d.minutes)])}
                  />
                ) : (
                  <div key={`pad-${i}`} className="h-3.5 w-3.5" />
                ),
              )}
            </div>
          </div>
        </div>
      </ScrollRegion>
      <div
        className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-400"
        data-testid="heatmap-legend"
      >
        <span>Minutes logged a day:</span>
        {LEGEND.map((l, i) => (
          <span key={l} className="flex items-center gap-1">
            <span className={cn('inline-block h-3 w-3 rounded-sm', LEVELS[i])} aria-hidden />
            {l}
          </span>
        ))}
      </div>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        Learned on {active} of the last {days.length} days.
      </p>
    </div>
  );
}
