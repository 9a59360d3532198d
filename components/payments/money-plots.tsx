'use client';

// Recharts plots of the earnings and admin payments pages. Loaded by ./lazy-money-charts.tsx when a chart nears the
// viewport or the browser is idle after load, never with the page (the first-load JavaScript budget).
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney } from '@/lib/money/format-money';

/** One bar group per label (a month, an expert); each series is an amount in minor units of `currency`. */
export type TMoneySeries = { key: string; name: string; color: string }[];
export type TMoneyPoint = { label: string } & Record<string, number | string>;

export function MoneyBarPlot({ data, series, currency }: { data: TMoneyPoint[]; series: TMoneySeries; currency: string }) {
  const fmt = (v: unknown) => (typeof v === 'number' ? formatMoney(v, currency) : String(v));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#94a3b8" strokeOpacity={0.35} vertical={false} />
        <XAxis dataKey="label" fontSize={12} />
        <YAxis fontSize={12} tickFormatter={fmt} width={72} />
        <Tooltip formatter={fmt} />
        {/* Recharts sorts legend items by name unless told: keep the bars' own order. */}
        <Legend itemSorter={(item) => series.findIndex((s) => s.key === item.dataKey)} />
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} radius={[4, 4, 0, 0]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
