import { z } from 'zod';

// The directory's query, from a URL (page) or a query string (GET /api/experts): one schema.
const csv = z
  .string()
  .max(500)
  .transform((s) =>
    [
      ...new Set(
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ].slice(0, 10),
  );

export const SORTS = ['relevance', 'rating', 'price_asc', 'price_desc'] as const;

// An empty field means "no limit": a plain GET form sends every field, filled or not (`maxPrice=`), and
// z.coerce.number() would read '' as 0. Blank values are made absent before any field's own rule runs.
const blankIsAbsent = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const ZExpertSearch = z.preprocess(
  (v) => (v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, blankIsAbsent(x)])) : v),
  z.object({
    q: z.string().trim().max(200, 'Use at most 200 characters.').optional(),
    specialty: z.string().trim().max(60).optional(),
    language: z
      .string()
      .regex(/^[a-z]{2}$/, 'Use a two-letter language code, like en.')
      .optional(),
    // Prices are whole amounts (major units, e.g. 40 or 39.5) in `cur`, the viewer's currency (USD when absent).
    minPrice: z.coerce.number().min(0, 'Use 0 or more.').max(100_000_000).optional(),
    maxPrice: z.coerce.number().min(0, 'Use 0 or more.').max(100_000_000).optional(),
    cur: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, 'Use a three-letter currency code, like EUR.')
      .optional(),
    avail: z.enum(['week'], { message: 'Use avail=week.' }).optional(),
    minRating: z.coerce.number().min(0).max(5, 'Ratings go up to 5.').optional(),
    topics: csv.optional(),
    sort: z.enum(SORTS, { message: 'Sort by relevance, rating, price_asc or price_desc.' }).default('relevance'),
    page: z.coerce.number().int().min(1, 'Pages start at 1.').max(1000).default(1),
    perPage: z.coerce.number().int().min(1).max(50, 'At most 50 per page.').default(12),
  }),
);
export type TExpertSearch = z.infer<typeof ZExpertSearch>;

/** A URLSearchParams-like object → plain record, first value of each key. */
export function searchParamsToRecord(sp: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  if (sp instanceof URLSearchParams) {
    for (const [k, v] of sp) out[k] ??= v;
  } else {
    for (const [k, v] of Object.entries(sp)) if (v !== undefined) out[k] = Array.isArray(v) ? (v[0] ?? '') : v;
  }
  return out;
}

/** A stable cache key: same search, same key, whatever the parameter order. */
export function searchKey(s: TExpertSearch): string {
  return JSON.stringify([
    s.q ?? '',
    s.specialty ?? '',
    s.language ?? '',
    s.minPrice ?? '',
    s.maxPrice ?? '',
    s.cur ?? '',
    s.avail ?? '',
    s.minRating ?? '',
    (s.topics ?? []).join(','),
    s.sort,
    s.page,
    s.perPage,
  ]);
}

/** The query string for a search (defaults left out), for shareable links and pagination. */
export function toQueryString(s: Partial<TExpertSearch>): string {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  if (s.specialty) p.set('specialty', s.specialty);
  if (s.language) p.set('language', s.language);
  if (s.minPrice !== undefined) p.set('minPrice', String(s.minPrice));
  if (s.maxPrice !== undefined) p.set('maxPrice', String(s.maxPrice));
  if (s.cur) p.set('cur', s.cur);
  if (s.avail) p.set('avail', s.avail);
  if (s.minRating !== undefined) p.set('minRating', String(s.minRating));
  if (s.topics?.length) p.set('topics', s.topics.join(','));
  if (s.sort && s.sort !== 'relevance') p.set('sort', s.sort);
  if (s.page && s.page > 1) p.set('page', String(s.page));
  if (s.perPage && s.perPage !== 12) p.set('perPage', String(s.perPage));
  const q = p.toString();
  return q ? `?${q}` : '';
}

// The directory form's fields → query string, without zod, for the form's client code.
export { formToQueryString } from './search-query';
