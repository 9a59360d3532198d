'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, type FormEvent } from 'react';
import { buttonClasses } from '@/components/ui/button';
import { LANGUAGES } from '@/lib/experts/application-options';
import { formToQueryString } from '@/lib/experts/search-query';
import type { TExpertSearch } from '@/lib/experts/search-schema';
import { localeCurrency } from '@/lib/money/locale-currency';
import { MoreFilters } from './more-filters';

const select =
  'block w-full rounded-xl border border-slate-300 bg-white px-3 py-2.5 text-base text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100';
const label = 'block text-sm font-medium text-slate-800 dark:text-slate-200';

/**
 * A GET form: the search lives in the URL and can be shared; on a phone the filters fold (MoreFilters). Prices
 * are whole amounts in the picked currency (`cur`, offered from the rates table; without one in the URL the
 * browser's locale picks it once hydrated, else USD). Once hydrated, submitting navigates to a URL without the
 * empty fields (formToQueryString); before that, the browser's own submit works too (the page reads empty as absent).
 */
export function DirectoryFilters({ s, specialties, currencies }: { s: TExpertSearch; specialties: string[]; currencies: string[] }) {
  const router = useRouter();
  const currency = useRef<HTMLSelectElement>(null);
  const active = [
    s.specialty,
    s.language,
    s.minRating,
    s.minPrice,
    s.maxPrice,
    s.avail,
    s.sort !== 'relevance' ? s.sort : undefined,
  ].filter((v) => v !== undefined).length;
  useEffect(() => {
    // No currency in the URL: default to the viewer's (the server renders USD, the same for every visitor).
    const guess = localeCurrency(navigator.languages?.length ? navigator.languages : [navigator.language]);
    if (!s.cur && currency.current && guess && currencies.includes(guess)) currency.current.value = guess;
  }, [s.cur, currencies]);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    router.push(`/experts${formToQueryString(new FormData(e.currentTarget))}`);
  };
  return (
    <form
      method="get"
      action="/experts"
      onSubmit={submit}
      role="search"
      aria-label="Find an expert"
      className="card grid gap-4 p-4 sm:grid-cols-2 lg:grid-cols-6"
    >
      {s.topics?.length ? <input type="hidden" name="topics" value={s.topics.join(',')} /> : null}
      <div className="sm:col-span-2 lg:col-span-2">
        <label htmlFor="q" className={label}>
          Search
        </label>
        <input id="q" name="q" type="search" defaultValue={s.q ?? ''} placeholder="SQL interviews, German B2, React…" className={select} />
      </div>
      <MoreFilters activeCount={active}>
        <div>
          <label htmlFor="specialty" className={label}>
            Specialty
          </label>
          <select id="specialty" name="specialty" defaultValue={s.specialty ?? ''} className={select}>
            <option value="">Any</option>
            {specialties.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="language" className={label}>
            Language
          </label>
          <select id="language" name="language" defaultValue={s.language ?? ''} className={select}>
            <option value="">Any</option>
            {Object.entries(LANGUAGES).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="minRating" className={label}>
            Rating
          </label>
          <select id="minRating" name="minRating" defaultValue={s.minRating?.toString() ?? ''} className={select}>
            <option value="">Any</option>
            <option value="4">4.0 and up</option>
            <option value="4.5">4.5 and up</option>
            <option value="4.8">4.8 and up</option>
          </select>
        </div>
        <div>
          <label htmlFor="sort" className={label}>
            Sort by
          </label>
          <select id="sort" name="sort" defaultValue={s.sort} className={select}>
            <option value="relevance">Relevance</option>
            <option value="rating">Rating</option>
            <option value="price_asc">Price: low to high</option>
            <option value="price_desc">Price: high to low</option>
          </select>
        </div>
        <fieldset className="sm:col-span-2 lg:col-span-3">
          <legend className={label}>Starting price per session (whole amount, e.g. 30 for €30)</legend>
          <div className="mt-1.5 flex gap-2">
            <label className="sr-only" htmlFor="cur">
              Currency
            </label>
            <select id="cur" name="cur" ref={currency} defaultValue={s.cur ?? 'USD'} className={select.replace('w-full', 'w-28 shrink-0')}>
              {currencies.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            <label className="sr-only" htmlFor="minPrice">
              Minimum price
            </label>
            <input
              id="minPrice"
              name="minPrice"
              type="number"
              min={0}
              step="any"
              inputMode="decimal"
              placeholder="min"
              defaultValue={s.minPrice ?? ''}
              className={select}
            />
            <label className="sr-only" htmlFor="maxPrice">
              Maximum price
            </label>
            <input
              id="maxPrice"
              name="maxPrice"
              type="number"
              min={0}
              step="any"
              inputMode="decimal"
              placeholder="max"
              defaultValue={s.maxPrice ?? ''}
              className={select}
            />
          </div>
        </fieldset>
        <div className="flex items-end">
          <label className="flex items-center gap-2 py-2.5 text-sm font-medium text-slate-800 dark:text-slate-200">
            <input
              type="checkbox"
              name="avail"
              value="week"
              defaultChecked={s.avail === 'week'}
              className="h-4 w-4 rounded border-slate-300"
            />
            Available this week
          </label>
        </div>
      </MoreFilters>
      <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-2 lg:justify-end">
        <Link href="/experts" className={buttonClasses('secondary')}>
          Clear
        </Link>
        <button type="submit" className={buttonClasses('primary')}>
          Search
        </button>
      </div>
    </form>
  );
}
