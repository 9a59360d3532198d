'use client';

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDay, formatDuration, formatPercent } from '@/lib/format/format';

type TCumulative = { date: string; planned: number; actual: number | null }[];
type TWeeks = { week: string; minutes: number }[];

export function CumulativeChart({ data, locale }: { data: TCumulative; locale: string }) {
  // No lesson done yet: the actual line would be a flat run at 0 (or a single point on day one, which
  // draws nothing) — draw it as a visible zero line and say so.
  const noActivity = data.every((p) => !p.actual);
  return (
    <div>
      <div
        className="h-64 w-full"
        data-testid="chart-cumulative"
        role="img"
        aria-label={`Planned versus actual cumulative progress${noActivity ? ': no activity yet' : ''}`}
      >
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
            {noActivity ? <ReferenceLine y={0} stroke="#1558de" strokeWidth={2} ifOverflow="extendDomain" /> : null}
          </LineChart>
        </ResponsiveContainer>
      </div>
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
    <div className="h-56 w-full" data-testid="chart-minutes" role="img" aria-label="Minutes learned per week">
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
    </div>
  );
}
