import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { DirectoryFilters } from '@/components/experts/directory-filters';
import { ExpertCard } from '@/components/experts/expert-card';
import { Alert } from '@/components/ui/alert';
import { Container } from '@/components/ui/container';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/lib/db';
import { cachedDirectory } from '@/lib/experts/expert-cache';
import { searchDirectoryPage } from '@/lib/experts/search-directory';
import { searchKey, searchParamsToRecord, toQueryString, ZExpertSearch } from '@/lib/experts/search-schema';
import { listPublicSpecialties } from '@/lib/experts/taxonomy';
import { cachedRates, rateCurrencies } from '@/lib/rates/rates';

export const metadata: Metadata = { title: 'Experts' };

export default async function ExpertsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection(); // read at request time, never while building
  const parsed = ZExpertSearch.safeParse(searchParamsToRecord(await searchParams));
  const db = await getDb();
  const rates = await cachedRates(db);
  // A currency without a rate (a hand-made link) is refused like any other invalid filter.
  const valid = parsed.success && (!parsed.data.cur || rates[parsed.data.cur] !== undefined);
  const s = valid ? parsed.data : ZExpertSearch.parse({});
  // Two reads that each take their own connection (or their own transaction on PGlite), not one client's.
  // eslint-disable-next-line no-restricted-syntax -- independent withAnon reads
  const [result, specialties] = await Promise.all([
    searchDirectoryPage(db, s),
    cachedDirectory('taxonomy', async () => (await listPublicSpecialties(db)).map((x) => x.label)),
  ]);
  const pageLink = (page: number) => `/experts${toQueryString({ ...s, page })}`;

  return (
    <Container>
      <PageHeader title="Experts" description="Vetted people who teach 1:1. Every expert is reviewed by our team before they are listed." />
      {/* Keyed by the search, so the boxes show the new search after a client navigation (e.g. Clear). */}
      <DirectoryFilters key={searchKey(s)} s={s} specialties={specialties} currencies={rateCurrencies(rates)} />
      <div className="mt-4 space-y-3">
        {!valid ? <Alert tone="warning">Some filters in this link were not valid and were ignored.</Alert> : null}
        {s.topics?.length ? (
          <Alert tone="info" title="Matched to your module">
            Experts who teach more of these come first: {s.topics.join(', ')}.{' '}
            <Link className="link" href="/experts">
              Show everyone
            </Link>
          </Alert>
        ) : null}
        {result.partial ? (
          <Alert tone="info" title="Closest matches">
            No expert matches every word of “{s.q}”, so these match some of them, the most words first.
          </Alert>
        ) : null}
        <p className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
          {result.total === 1 ? '1 expert' : `${result.total.toLocaleString('en-US')}${result.totalIsCapped ? '+' : ''} experts`}
          {result.total > 0 ? ` · page ${result.page} of ${result.pageCount}` : ''}
        </p>
      </div>
      {result.items.length === 0 ? (
        <div className="mt-4">
          <EmptyState
            title="No experts match"
            action={
              <Link className="link" href="/experts">
                Clear the search
              </Link>
            }
          >
            Try fewer filters or other words.
          </EmptyState>
        </div>
      ) : (
        <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {result.items.map((x) => (
            <ExpertCard key={x.slug} x={x} />
          ))}
        </ul>
      )}
      {result.pageCount > 1 ? (
        <nav aria-label="Pagination" className="mt-8 flex items-center justify-between text-sm">
          {result.page > 1 ? (
            <Link className="link" href={pageLink(result.page - 1)} rel="prev">
              ← Previous
            </Link>
          ) : (
            <span />
          )}
          {result.page < result.pageCount ? (
            <Link className="link" href={pageLink(result.page + 1)} rel="next">
              Next →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </Container>
  );
}
