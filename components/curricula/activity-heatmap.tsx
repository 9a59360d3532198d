import { cn } from '@/components/ui/cn';

/** Twelve weeks of learning days, a column per week (Monday on top). */
export function ActivityHeatmap({ days }: { days: { date: string; minutes: number; count: number }[] }) {
  const level = (m: number) => (m === 0 ? 0 : m < 20 ? 1 : m < 45 ? 2 : m < 90 ? 3 : 4);
  const first = days[0] ? (new Date(`${days[0].date}T00:00:00Z`).getUTCDay() + 6) % 7 : 0;
  const cells = [...Array.from({ length: first }, () => null), ...days];
  const active = days.filter((d) => d.count > 0).length;
  return (
    <div>
      <div className="overflow-x-auto">
        <div
          className="grid w-max grid-flow-col grid-rows-7 gap-1"
          role="img"
          aria-label={`Activity over the last ${days.length} days: learned on ${active} days`}
          data-testid="heatmap"
        >
          {cells.map((d, i) =>
            d ? (
              <div
                key={d.date}
                title={`${d.date}: ${d.minutes} min`}
                data-level={level(d.minutes)}
                className={cn(
                  'h-3.5 w-3.5 rounded-sm',
                  ['bg-slate-200 dark:bg-slate-800', 'bg-brand-200', 'bg-brand-400', 'bg-brand-600', 'bg-brand-800'][level(d.minutes)],
                )}
              />
            ) : (
              <div key={`pad-${i}`} className="h-3.5 w-3.5" />
            ),
          )}
        </div>
      </div>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">Learned on {active} of the last {days.length} days.</p>
    </div>
  );
}
