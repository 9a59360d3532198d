'use client';

import type { ReactNode } from 'react';
import { useLoadWhenNear } from '@/components/ui/use-load-when-near';
import { formatPercent } from '@/lib/format/format';
import type { TCumulative, TWeeks } from './progress-charts';

// The progress charts' frames render with the page; Recharts (./progress-charts.tsx) loads when a chart
// nears the viewport or the browser is idle after load. Until then the frame, at its final size, shows a
// placeholder that says it is loading: nothing moves when the plot arrives (docs/performance.md).
const loadPlots = () => import('./progress-charts');

function ChartFrame({
  className,
  testId,
  label,
  children,
}: {
  className: string;
  testId: string;
  label: string;
  children: (plots: Awaited<ReturnType<typeof loadPlots>>) => ReactNode;
}) {
  const { ref, mod } = useLoadWhenNear(loadPlots);
  return (
    <div ref={ref} className={className} data-testid={testId} role="img" aria-label={label} aria-busy={mod ? undefined : true}>
      {mod ? (
        children(mod)
      ) : (
        <div
          className="flex h-full w-full items-center justify-center rounded-xl bg-slate-100 motion-safe:animate-pulse dark:bg-slate-800/60"
          data-testid={`${testId}-loading`}
        >
          <span className="text-sm text-slate-600 dark:text-slate-400">Loading chart…</span>
        </div>
      )}
    </div>
  );
}

export function CumulativeChart({ data, locale }: { data: TCumulative; locale: string }) {
  // Same test as the plot's (progress-charts.tsx hasNoActivity), written here so the page does not load Recharts for it.
  const noActivity = data.every((p) => !p.actual);
  return (
    <div>
      <ChartFrame
        className="h-64 w-full"
        testId="chart-cumulative"
        label={`Planned versus actual cumulative progress${noActivity ? ': no activity yet' : ''}`}
      >
        {({ CumulativePlot }) => <CumulativePlot data={data} locale={locale} />}
      </ChartFrame>
      {noActivity ? (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400" data-testid="no-activity">
          No activity yet — the actual line stays at {formatPercent(0, locale)} until you finish a lesson.
        </p>
      ) : null}
    </div>
  );
}

export function MinutesPerWeekChart({ data, locale }: { data: TWeeks; locale: string }) {
  return (
    <ChartFrame className="h-56 w-full" testId="chart-minutes" label="Minutes learned per week">
      {({ MinutesPerWeekPlot }) => <MinutesPerWeekPlot data={data} locale={locale} />}
    </ChartFrame>
  );
}
