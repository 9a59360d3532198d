import type { TRatingSummary } from '@/lib/reviews/schemas';

/** Average, count and the 1–5 distribution as plain bars (a table for screen readers). */
export function RatingBars({ summary }: { summary: TRatingSummary }) {
  if (!summary.count || summary.average === null)
    return (
      <p className="mt-2" data-testid="rating-summary">
        No ratings yet.
      </p>
    );
  const max = Math.max(...summary.histogram, 1);
  return (
    <div className="mt-2 flex flex-col gap-4 sm:flex-row sm:items-center" data-testid="rating-summary">
      <p className="shrink-0">
        <span aria-hidden="true">★</span> <span className="text-2xl font-bold">{summary.average.toFixed(1)}</span> out of 5
        <span className="block text-sm text-slate-600 dark:text-slate-400">
          from {summary.count} {summary.count === 1 ? 'rating' : 'ratings'}
        </span>
      </p>
      <table className="w-full max-w-xs text-sm">
        <caption className="sr-only">How many learners gave each rating</caption>
        <tbody>
          {[5, 4, 3, 2, 1].map((stars) => {
            const n = summary.histogram[stars - 1];
            return (
              <tr key={stars}>
                <th scope="row" className="w-12 pr-2 text-left font-normal">
                  {stars} ★
                </th>
                <td className="w-full">
                  <div className="h-2 rounded-full bg-slate-200 dark:bg-slate-800">
                    <div className="h-2 rounded-full bg-amber-500" style={{ width: `${(n / max) * 100}%` }} />
                  </div>
                </td>
                <td className="w-10 pl-2 text-right tabular-nums">{n}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
