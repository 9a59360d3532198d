import type { TPublicReview } from '@/lib/reviews/schemas';

const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

export function Stars({ rating }: { rating: number }) {
  return (
    <span aria-label={`${rating} out of 5 stars`} className="text-amber-600 dark:text-amber-400">
      {'★'.repeat(rating)}
      <span className="text-slate-300 dark:text-slate-700">{'★'.repeat(5 - rating)}</span>
    </span>
  );
}

/** Published learner reviews with the expert's reply under each. */
export function ReviewList({ reviews, expertName }: { reviews: TPublicReview[]; expertName: string }) {
  if (!reviews.length) return null;
  return (
    <ul className="mt-4 space-y-4" data-testid="review-list">
      {reviews.map((r) => (
        <li key={r.id} className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <Stars rating={r.rating} /> <span className="font-semibold">{r.author}</span>
            <span className="text-slate-600 dark:text-slate-400">· {day.format(new Date(r.publishedAt))}</span>
          </p>
          <p className="mt-2 whitespace-pre-line break-words">{r.body}</p>
          {r.reply ? (
            <div className="mt-3 border-l-2 border-slate-300 pl-3 text-sm dark:border-slate-700">
              <p className="font-semibold">Reply from {expertName}</p>
              <p className="mt-1 whitespace-pre-line break-words">{r.reply}</p>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
