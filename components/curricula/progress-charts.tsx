'use client';

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

type TCumulative = { date: string; planned: number; actual: number | null }[];
type TWeeks = { week: string; minutes: number }[];

const short = (d: string) => d.slice(5);

export function CumulativeChart({ data }: { data: TCumulative }) {
  return (
    <div className="h-64 w-full" data-testid="chart-cumulative" role="img" aria-label="Planned versus actual cumulative progress">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#94a3b8" strokeOpacity={0.35} />
          <XAxis dataKey="date" tickFormatter={short} minTickGap={24} fontSize={12} />
          <YAxis domain={[0, 100]} unit="%" fontSize={12} />
          <Tooltip />
          <Legend />
          <Line type="monotone" dataKey="planned" name="Planned" stroke="#94a3b8" strokeDasharray="5 4" dot={false} isAnimationActive={false} />
          <Line type="stepAfter" dataKey="actual" name="Actual" stroke="#1558de" strokeWidth={2} dot={false} connectNulls={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function MinutesPerWeekChart({ data }: { data: TWeeks }) {
  return (
    <div className="h-56 w-full" data-testid="chart-minutes" role="img" aria-label="Minutes learned per week">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#94a3b8" strokeOpacity={0.35} vertical={false} />
          <XAxis dataKey="week" tickFormatter={short} fontSize={12} />
          <YAxis fontSize={12} />
          <Tooltip />
          <Bar dataKey="minutes" name="Minutes" fill="#1558de" radius={[4, 4, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
