import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import type { TExpertCard } from '@/lib/experts/search-experts';
import { formatMoney } from '@/lib/money/format-money';
import { ExpertAvatar } from './expert-avatar';
import { NextAvailable } from './next-available';
import { ViewerLocalTime } from './viewer-time';

export function ExpertCard({ x }: { x: TExpertCard }) {
  return (
    <li id={x.slug} className="card relative flex flex-col p-5 focus-within:ring-2 focus-within:ring-brand-500">
      <div className="flex items-start gap-3">
        <ExpertAvatar name={x.display_name} slug={x.slug} hasPhoto={x.has_photo} />
        <div className="min-w-0">
          <h2 className="font-semibold">
            <Link href={`/experts/${x.slug}`} className="after:absolute after:inset-0 focus:outline-none">
              {x.display_name}
            </Link>
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {x.country}
            <ViewerLocalTime zone={x.timezone} prefix={x.country ? ' · ' : ''} />
          </p>
          <p className="text-sm">
            <NextAvailable at={x.next_available_at} />
          </p>
        </div>
      </div>
      <p className="mt-3 text-sm">{x.headline}</p>
      <div className="mt-3 flex flex-wrap gap-1.5">
        {x.specialties.map((s) => (
          <Badge key={s} tone="brand">
            {s}
          </Badge>
        ))}
      </div>
      <div className="mt-auto flex items-center justify-between pt-4 text-sm">
        <span>
          {x.rating_avg ? (
            <>
              <span aria-hidden="true">★</span> <span className="font-semibold">{x.rating_avg.toFixed(1)}</span>{' '}
              <span className="text-slate-600 dark:text-slate-400">({x.rating_count} reviews)</span>
            </>
          ) : (
            'New'
          )}
        </span>
        {x.from_price_minor !== null && x.currency ? (
          <span className="text-right">
            <span className="font-semibold">from {formatMoney(x.from_price_minor, x.currency)}</span>
            {x.converted ? (
              <span data-testid="converted-price" className="ml-1 text-slate-600 dark:text-slate-400">
                ≈ {formatMoney(x.converted.minor, x.converted.currency)}
              </span>
            ) : null}
          </span>
        ) : null}
      </div>
    </li>
  );
}
