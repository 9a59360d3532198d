'use client';

// The Recharts plots of the progress page (~140 kB gzip with Recharts). Loaded by ./lazy-progress-charts.tsx
// when a chart nears the viewport or the browser is idle after load, never with the page.
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDay, formatDuration, formatPercent } from '@/lib/format/format';

export type TCumulative = { date: string; planned: number; actual: number | null }[];
export type TWeeks = { week: string; minutes: number }[];

/** No lesson done yet: the actual line would be a flat run at 0 (or one point on day one, which draws nothing). */
const hasNoActivity = (data: TCumulative) => data.every((p) => !p.actual);

export function CumulativePlot({ data, locale }: { data: TCumulative; locale: string }) {
  const noActivity = hasNoActivity(data);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#94a3b8" strokeOpacity={0.35} />
        <XAxis dataKey="date" tickFormatter={(d: string) => formatDay(d, locale, 'short')} minTickGap={24} fontSize={12} />
        <YAxis domain={[0, 100]} tickFormatter={(v: number) => formatPercent(v, locale)} fontSize={12} />
        <Tooltip
          labelFormatter={(d) => formatDay(String(d), locale)}
          formatter={(v) => (typeof v === 'number' ? formatPercent(v, locale) : String(v))}
        />
        <Legend />
        <Line
          type="monotone"
          dataKey="planned"
          name="Planned"
          stroke="#94a3b8"
          strokeDasharray="5 4"
          dot={false}
          isAnimationActive={false}
        />
        <Line type="stepAfter" dataKey="actual" name="Actual" stroke="#1558de" strokeWidth={2} dot={false} connectNulls={false} />
        {/* Drawn as a visible zero line when nothing is done yet. */}
        {noActivity ? <ReferenceLine y={0} stroke="#1558de" strokeWidth={2} ifOverflow="extendDomain" /> : null}
      </LineChart>
    </ResponsiveContainer>
  );
}

export function MinutesPerWeekPlot({ data, locale }: { data: TWeeks; locale: string }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#94a3b8" strokeOpacity={0.35} vertical={false} />
        <XAxis dataKey="week" tickFormatter={(d: string) => formatDay(d, locale, 'short')} fontSize={12} />
        <YAxis fontSize={12} />
        <Tooltip
          labelFormatter={(d) => `Week of ${formatDay(String(d), locale)}`}
          formatter={(v) => (typeof v === 'number' ? formatDuration(v, locale) : String(v))}
        />
        <Bar dataKey="minutes" name="Minutes" fill="#1558de" radius={[4, 4, 0, 0]} />
      </BarChart>
    </ResponsiveContainer>
  );
}
