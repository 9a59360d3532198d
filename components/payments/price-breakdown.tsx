import { formatMoney } from '@/lib/money/format-money';

/** What the learner pays and how it splits: the total, Pathwise's commission, the expert's share. */
export function PriceBreakdown(p: {
  amountMinor: number;
  commissionMinor: number;
  expertMinor: number;
  currency: string;
  expertName: string;
  /** Overrides "<expert> receives after the session" (a package is paid out session by session). */
  expertLabel?: string;
  totalTestId?: string;
}) {
  return (
    <dl
      className="divide-y divide-slate-200 rounded-xl border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-800"
      data-testid="price-breakdown"
    >
      <div className="flex justify-between gap-4 px-3 py-2">
        <dt className="font-semibold">Total</dt>
        <dd className="font-semibold tabular-nums" data-testid={p.totalTestId ?? 'price-total'}>
          {formatMoney(p.amountMinor, p.currency)}
        </dd>
      </div>
      <div className="flex justify-between gap-4 px-3 py-2 text-slate-600 dark:text-slate-400">
        <dt>Pathwise commission (included)</dt>
        <dd className="tabular-nums" data-testid="price-commission">
          {formatMoney(p.commissionMinor, p.currency)}
        </dd>
      </div>
      <div className="flex justify-between gap-4 px-3 py-2 text-slate-600 dark:text-slate-400">
        <dt>{p.expertLabel ?? `${p.expertName} receives after the session`}</dt>
        <dd className="tabular-nums" data-testid="price-expert">
          {formatMoney(p.expertMinor, p.currency)}
        </dd>
      </div>
    </dl>
  );
}
