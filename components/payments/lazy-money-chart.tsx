'use client';

import { useLoadWhenNear } from '@/components/ui/use-load-when-near';
import type { TMoneyPoint, TMoneySeries } from './money-plots';

// The frame renders with the page at its final size; Recharts (./money-plots.tsx) loads when it nears the viewport
// or the browser is idle, with a labelled placeholder until then (docs/performance.md).
const loadPlots = () => import('./money-plots');

export function MoneyBarChart({
  data,
  series,
  currency,
  label,
  testId,
}: {
  data: TMoneyPoint[];
  series: TMoneySeries;
  currency: string;
  label: string;
  testId: string;
}) {
  const { ref, mod } = useLoadWhenNear(loadPlots);
  return (
    <div ref={ref} className="h-64 w-full" data-testid={testId} role="img" aria-label={label} aria-busy={mod ? undefined : true}>
      {mod ? (
        <mod.MoneyBarPlot data={data} series={series} currency={currency} />
      ) : (
        <div className="flex h-full w-full items-center justify-center rounded-xl bg-slate-100 motion-safe:animate-pulse dark:bg-slate-800/60">
          <span className="text-sm text-slate-600 dark:text-slate-400">Loading chart…</span>
        </div>
      )}
    </div>
  );
}
