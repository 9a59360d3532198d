import 'server-only';
import type { TQueryable } from '@/lib/db';
import type { TExpertSearch } from './search-schema';

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
};
export type TExpertSearchResult = { items: TExpertCard[]; total: number; totalIsCapped: boolean; page: number; perPage: number; pageCount: number };

type TRow = Omit<TExpertCard, 'rating_avg'> & { rating_avg: string | null };

export const COUNT_CAP = 1000;

const CARD_COLUMNS = `p.slug, p.display_name, p.headline, p.specialties, p.languages, p.country, p.timezone,
  p.rating_avg::text as rating_avg, p.rating_count, p.min_price_minor as from_price_minor, p.price_currency as currency,
  p.photo_document_id is not null as has_photo`;

/**
 * The directory: listed experts only (approved, not hidden — a suspended expert is not approved),
 * Postgres full-text search ranked with ts_rank_cd, filters, sorts and pagination, in one statement.
 * Every condition repeats the partial indexes' predicate so the planner can use them.
 *
 * Two shapes, measured in bench/MARKETPLACE.md:
 * - ranked by relevance, every match must be ranked anyway: the matches are ranked once carrying only
 *   (id, rank, rating) — not every card column — then the page's 12 rows are joined back, and the exact
 *   total is counted from the same matches (3× cheaper than ranking whole rows plus a second count);
 * - ordered by rating or price, an index gives the page directly, and the total is counted up to COUNT_CAP.
 */
export async function searchExperts(db: TQueryable, s: TExpertSearch): Promise<TExpertSearchResult> {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = [`p.status = 'approved'`, 'not p.hidden'];
  const rankParts: string[] = [];
  if (s.q) {
    const tsq = `websearch_to_tsquery('english', ${p(s.q)})`;
    where.push(`p.search_vector @@ ${tsq}`);
    rankParts.push(`ts_rank_cd(p.search_vector, ${tsq}, 1)`);
  }
  if (s.topics?.length) {
    // A module's topics match what experts teach (specialties, tags, headline: topic_vector), not their bios.
    const tsq = s.topics.map((t) => `plainto_tsquery('english', ${p(t)})`).join(' || ');
    where.push(`p.topic_vector @@ (${tsq})`);
    rankParts.push(`ts_rank(p.topic_vector, ${tsq}, 1)`);
  }
  if (s.specialty) where.push(`p.specialties @> array[${p(s.specialty)}]::text[]`);
  if (s.language) where.push(`p.languages @> array[${p(s.language)}]::text[]`);
  if (s.minPrice !== undefined) where.push(`p.min_price_minor >= ${p(s.minPrice)}`);
  if (s.maxPrice !== undefined) where.push(`p.min_price_minor <= ${p(s.maxPrice)}`);
  if (s.minRating !== undefined) where.push(`p.rating_avg >= ${p(s.minRating)}`);
  const filter = where.join(' and ');
  const limit = p(s.perPage);
  const offset = p((s.page - 1) * s.perPage);

  const ranked = s.sort === 'relevance' && rankParts.length > 0;
  const byRank = (t: string) => `${t}.rank desc, ${t}.rating_avg desc nulls last, ${t}.rating_count desc, ${t}.id`;
  const byRating = 'p.rating_avg desc nulls last, p.rating_count desc, p.id';
  const order = {
    relevance: byRating, // with nothing to rank
    rating: byRating,
    price_asc: 'p.min_price_minor asc nulls last, p.id',
    price_desc: 'p.min_price_minor desc nulls last, p.id',
  }[s.sort];
  const { rows } = await db.query<TRow & { total_count: number }>(
    ranked
      ? `with m as materialized (
           select p.id, ${rankParts.join(' + ')} as rank, p.rating_avg, p.rating_count from public.expert_profiles p where ${filter}
         ), top as (select * from m order by ${byRank('m')} limit ${limit} offset ${offset})
         select ${CARD_COLUMNS}, (select count(*) from m)::int as total_count
           from top join public.expert_profiles p on p.id = top.id
          order by ${byRank('top')}`
      : `select ${CARD_COLUMNS}, (${cappedCount(filter)}) as total_count
           from public.expert_profiles p where ${filter} order by ${order} limit ${limit} offset ${offset}`,
    params,
  );
  // A page past the end has no row to carry the total: count on its own (only hand-made links get here).
  const n =
    rows[0]?.total_count ??
    (s.page === 1 ? 0 : ((await db.query<{ total_count: number }>(`select (${cappedCount(filter)}) as total_count`, params.slice(0, -2))).rows[0]?.total_count ?? 0));
  // Counting stops at COUNT_CAP matches ("1,000+") where the page did not visit every match anyway.
  const capped = !ranked && n > COUNT_CAP;
  const total = capped ? COUNT_CAP : n;
  return {
    items: rows.map((r) => ({
      slug: r.slug, display_name: r.display_name, headline: r.headline, specialties: r.specialties, languages: r.languages,
      country: r.country, timezone: r.timezone, rating_avg: r.rating_avg === null ? null : Number(r.rating_avg), rating_count: r.rating_count,
      from_price_minor: r.from_price_minor, currency: r.currency, has_photo: r.has_photo,
    })),
    total,
    totalIsCapped: capped,
    page: s.page,
    perPage: s.perPage,
    pageCount: Math.max(1, Math.ceil(total / s.perPage)),
  };
}

function cappedCount(filter: string): string {
  return `select count(*)::int from (select 1 from public.expert_profiles p where ${filter} limit ${COUNT_CAP + 1}) c`;
}
