import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Badge } from '@/components/ui/badge';
import { Container } from '@/components/ui/container';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/lib/db';
import { listPublicExperts } from '@/lib/experts/list-public-experts';
import { formatMoney } from '@/lib/money/format-money';

export const metadata: Metadata = { title: 'Experts' };

function localTime(timezone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: timezone }).format(new Date());
}

export default async function ExpertsPage() {
  await connection(); // read at request time, never while building
  const experts = await listPublicExperts(await getDb());
  return (
    <Container>
      <PageHeader title="Experts" description="Vetted people who teach 1:1. Every expert is reviewed by our team before they are listed." />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {experts.map((x) => (
          <li key={x.slug} id={x.slug} className="card flex flex-col p-5">
            <div className="flex items-start gap-3">
              <span aria-hidden="true" className="flex h-12 w-12 shrink-0 items-center justify-center rounded-full bg-brand-100 text-lg font-bold text-brand-800 dark:bg-brand-900 dark:text-brand-100">
                {x.display_name.split(' ').map((w) => w[0]).slice(0, 2).join('')}
              </span>
              <div className="min-w-0">
                <h2 className="font-semibold">{x.display_name}</h2>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {x.country} · {localTime(x.timezone)} local time
                </p>
              </div>
            </div>
            <p className="mt-3 text-sm">{x.headline}</p>
            <div className="mt-3 flex flex-wrap gap-1.5">
              {x.specialties.map((s) => (
                <Badge key={s} tone="brand">{s}</Badge>
              ))}
            </div>
            <div className="mt-auto flex items-center justify-between pt-4 text-sm">
              <span>
                {x.rating_avg ? (
                  <>
                    <span aria-hidden="true">★</span> <span className="font-semibold">{Number(x.rating_avg).toFixed(1)}</span>{' '}
                    <span className="text-slate-600 dark:text-slate-400">({x.rating_count} reviews)</span>
                  </>
                ) : (
                  'New'
                )}
              </span>
              {x.from_price_minor !== null && x.currency ? <span className="font-semibold">from {formatMoney(x.from_price_minor, x.currency)}</span> : null}
            </div>
          </li>
        ))}
      </ul>
    </Container>
  );
}
