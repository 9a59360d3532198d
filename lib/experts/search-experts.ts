import 'server-only';
import type { TAnonTx } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { approxMinor, priceBounds, type TRates } from '@/lib/money/convert';
import { cachedRates } from '@/lib/rates/rates';
import type { TExpertSearch } from './search-schema';
import { fallbackTerms, searchTerms } from './search-terms';

export type TExpertCard = {
  slug: string;
  display_name: string;
  headline: string;
  specialties: string[];
  languages: string[];
  country: string | null;
  timezone: string;
  rating_avg: number | null;
  rating_count: number;
  from_price_minor: number | null;
  currency: string | null;
  has_photo: boolean;
  /** The first free slot (ISO instant), or null; cards show it in the viewer's zone, on the client. */
  next_available_at: string | null;
  /** The lowest price in the viewer's chosen currency (`cur`), whole units, when it differs from the expert's. */
  converted: { minor: number; currency: string } | null;
};
/** `partial`: no expert matched every word of `q`, so these match some of them, most matched words first. */
export type TExpertSearchResult = {
  items: TExpertCard[];
  total: number;
  totalIsCapped: boolean;
  partial: boolean;
  page: number;
  perPage: number;
  pageCount: number;
};

type TRow = Omit<TExpertCard, 'rating_avg' | 'converted'> & { rating_avg: string | null };

export const COUNT_CAP = 1000;

const CARD_COLUMNS = `p.slug, p.display_name, p.headline, p.specialties, p.languages, p.country, p.timezone,
  p.rating_avg::text as rating_avg, p.rating_count, p.min_price_minor as from_price_minor, p.price_currency as currency,
  p.photo_document_id is not null as has_photo,
  to_char(p.next_available_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as next_available_at`;

/**
 * `min_price_minor` compared with an amount in the viewer's currency: one arm per currency of the rates table,
 * `(price_currency = 'USD' and min_price_minor <= 4347) or (price_currency = 'EUR' and min_price_minor <= 4000) …`,
 * so each arm is an index range. An expert whose currency has no rate never matches a price filter.
 */
function priceCondition(p: (v: unknown) => string, major: number, cur: string, rates: TRates, side: 'min' | 'max'): string {
  const bounds = priceBounds(major, cur, rates, side);
  if (!bounds) throw new AppError('invalid_input', 'Some fields need attention.', { cur: 'No rate for this currency.' });
  const op = side === 'max' ? '<=' : '>=';
  return `(${Object.entries(bounds)
    .map(([c, b]) => `(p.price_currency = ${p(c)} and p.min_price_minor ${op} ${p(b)})`)
    .join(' or ')})`;
}

/**
 * The directory: listed experts only (approved, not hidden — a suspended expert is not approved),
 * Postgres full-text search ranked with ts_rank_cd, filters, sorts and pagination, in one statement.
 * Every condition repeats the partial indexes' predicate so the planner can use them.
 *
 * Two shapes, measured in bench/MARKETPLACE.md:
 * - ranked by relevance, every match must be ranked anyway: the matches are ranked once carrying only
 *   (id, hits, rank, rating) — not every card column — then the page's 12 rows are joined back, and the exact
 *   total is counted from the same matches (3× cheaper than ranking whole rows plus a second count);
 * - ordered by rating or price, an index gives the page directly, and the total is counted up to COUNT_CAP.
 *
 * Several words never answer "0 experts" while some expert matches one of them:
 * - free text (`q`) must match all its words; when no listed expert (within the filters) does, it falls back
 *   to any of them, ranked by how many each expert matches (`partial` says so). Which query applies is
 *   decided once per statement, in a one-row CTE read through InitPlans, so the GIN index still drives the scan;
 *   a one-word search skips all of this and runs the plain statement;
 * - module topics (`topics`) are separate words: any of them matches, more matched words rank first.
 */
export async function searchExperts(db: TAnonTx, s: TExpertSearch): Promise<TExpertSearchResult> {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = [`p.status = 'approved'`, 'not p.hidden'];
  const rankParts: string[] = [];
  const hitParts: string[] = [];
  // Module topics: what experts teach (specialties, tags, headline: topic_vector), not their bios.
  const topicTerms = searchTerms(s.topics ?? []).map((t) => `plainto_tsquery('english', ${p(t)})`);
  if (topicTerms.length) {
    const any = `(${topicTerms.join(' || ')})`;
    where.push(`p.topic_vector @@ ${any}`);
    rankParts.push(`ts_rank(p.topic_vector, ${any}, 1)`);
    // Each term's query is built once per statement (an InitPlan), not once per matching row.
    hitParts.push(...topicTerms.map((t) => `(p.topic_vector @@ (select ${t}))::int`));
  }
  if (s.specialty) where.push(`p.specialties @> array[${p(s.specialty)}]::text[]`);
  if (s.language) where.push(`p.languages @> array[${p(s.language)}]::text[]`);
  const cur = s.cur ?? 'USD';
  const rates = s.minPrice !== undefined || s.maxPrice !== undefined || s.cur ? await cachedRates(db) : {};
  if (s.cur && !rates[s.cur]) throw new AppError('invalid_input', 'Some fields need attention.', { cur: 'No rate for this currency.' });
  if (s.minPrice !== undefined) where.push(priceCondition(p, s.minPrice, cur, rates, 'min'));
  if (s.maxPrice !== undefined) where.push(priceCondition(p, s.maxPrice, cur, rates, 'max'));
  // "Available this week": a free slot starts within 7 days (kept by refreshNextAvailable).
  if (s.avail === 'week') where.push(`p.next_available_at is not null and p.next_available_at < now() + interval '7 days'`);
  if (s.minRating !== undefined) where.push(`p.rating_avg >= ${p(s.minRating)}`);

  let prelude = ''; // the WITH items every statement of this search starts with
  let partial = 'false';
  if (s.q) {
    const all = `websearch_to_tsquery('english', ${p(s.q)})`;
    const fallback = fallbackTerms(s.q);
    let tsq = all;
    if (fallback.length > 1) {
      const words = fallback.map((w) => `plainto_tsquery('english', ${p(w)})`);
      // Decided once: does any listed expert, within the other conditions, match every word?
      prelude = `qq as materialized (select exists (select 1 from public.expert_profiles p where ${where.join(' and ')} and p.search_vector @@ ${all}) as all_words)`;
      tsq = `(select case when all_words then ${all} else (${words.join(' || ')}) end from qq)`;
      partial = '(select not all_words from qq)';
      hitParts.push(
        `(case when (select all_words from qq) then 0 else ${words.map((w) => `(p.search_vector @@ (select ${w}))::int`).join(' + ')} end)`,
      );
    }
    where.push(`p.search_vector @@ ${tsq}`);
    rankParts.push(`ts_rank_cd(p.search_vector, ${tsq}, 1)`);
  }
  const filter = where.join(' and ');
  const withPrelude = (items: string[]) => {
    const all = [prelude, ...items].filter(Boolean);
    return all.length ? `with ${all.join(', ')} ` : '';
  };
  const limit = p(s.perPage);
  const offset = p((s.page - 1) * s.perPage);

  const ranked = s.sort === 'relevance' && rankParts.length > 0;
  const hits = hitParts.length ? hitParts.join(' + ') : '0';
  const byRank = (t: string) => `${t}.hits desc, ${t}.rank desc, ${t}.rating_avg desc nulls last, ${t}.rating_count desc, ${t}.id`;
  const byRating = 'p.rating_avg desc nulls last, p.rating_count desc, p.id';
  const order = {
    relevance: byRating, // with nothing to rank
    rating: byRating,
    price_asc: 'p.min_price_minor asc nulls last, p.id',
    price_desc: 'p.min_price_minor desc nulls last, p.id',
  }[s.sort];
  const matches = `m as materialized (
           select p.id, ${hits} as hits, ${rankParts.join(' + ')} as rank, p.rating_avg, p.rating_count from public.expert_profiles p where ${filter}
         )`;
  const { rows } = await db.query<TRow & { total_count: number; partial: boolean }>(
    ranked
      ? `${withPrelude([matches, `top as (select * from m order by ${byRank('m')} limit ${limit} offset ${offset})`])}
         select ${CARD_COLUMNS}, (select count(*) from m)::int as total_count, ${partial} as partial
           from top join public.expert_profiles p on p.id = top.id
          order by ${byRank('top')}`
      : `${withPrelude([])}select ${CARD_COLUMNS}, (${cappedCount(filter)}) as total_count, ${partial} as partial
           from public.expert_profiles p where ${filter} order by ${order} limit ${limit} offset ${offset}`,
    params,
  );
  // A page past the end has no row to carry the total: count on its own (only hand-made links get here).
  const counted =
    rows[0] ??
    (s.page === 1
      ? undefined
      : (
          await db.query<{ total_count: number; partial: boolean }>(
            `${withPrelude([])}select (${cappedCount(filter)}) as total_count, ${partial} as partial`,
            params.slice(0, -2),
          )
        ).rows[0]);
  const n = counted?.total_count ?? 0;
  // Counting stops at COUNT_CAP matches ("1,000+") where the page did not visit every match anyway.
  const capped = !ranked && n > COUNT_CAP;
  const total = capped ? COUNT_CAP : n;
  return {
    items: rows.map((r) => ({
      slug: r.slug,
      display_name: r.display_name,
      headline: r.headline,
      specialties: r.specialties,
      languages: r.languages,
      country: r.country,
      timezone: r.timezone,
      rating_avg: r.rating_avg === null ? null : Number(r.rating_avg),
      rating_count: r.rating_count,
      from_price_minor: r.from_price_minor,
      currency: r.currency,
      has_photo: r.has_photo,
      next_available_at: r.next_available_at,
      converted:
        s.cur && r.currency && r.currency !== s.cur && r.from_price_minor !== null
          ? (() => {
              const minor = approxMinor(r.from_price_minor, r.currency, s.cur, rates);
              return minor === null ? null : { minor, currency: s.cur };
            })()
          : null,
    })),
    total,
    totalIsCapped: capped,
    partial: n > 0 && counted?.partial === true,
    page: s.page,
    perPage: s.perPage,
    pageCount: Math.max(1, Math.ceil(total / s.perPage)),
  };
}

function cappedCount(filter: string): string {
  return `select count(*)::int from (select 1 from public.expert_profiles p where ${filter} limit ${COUNT_CAP + 1}) c`;
}
