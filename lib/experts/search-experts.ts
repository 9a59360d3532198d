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

/**
 * The directory: listed experts only (approved, not hidden — a suspended expert is not approved),
 * Postgres full-text search ranked with ts_rank_cd, filters, sorts and pagination. Every condition
 * repeats the partial indexes' predicate so the planner can use them.
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
    const tsq = s.topics.map((t) => `plainto_tsquery('english', ${p(t)})`).join(' || ');
    where.push(`p.search_vector @@ (${tsq})`);
    rankParts.push(`ts_rank(p.search_vector, ${tsq}, 1)`);
  }
  if (s.specialty) where.push(`p.specialties @> array[${p(s.specialty)}]::text[]`);
  if (s.language) where.push(`p.languages @> array[${p(s.language)}]::text[]`);
  if (s.minPrice !== undefined) where.push(`p.min_price_minor >= ${p(s.minPrice)}`);
  if (s.maxPrice !== undefined) where.push(`p.min_price_minor <= ${p(s.maxPrice)}`);
  if (s.minRating !== undefined) where.push(`p.rating_avg >= ${p(s.minRating)}`);

  const rank = rankParts.length ? rankParts.join(' + ') : '0';
  const byRating = 'p.rating_avg desc nulls last, p.rating_count desc, p.id';
  const order = {
    relevance: rankParts.length ? `rank desc, ${byRating}` : byRating,
    rating: byRating,
    price_asc: 'p.min_price_minor asc nulls last, p.id',
    price_desc: 'p.min_price_minor desc nulls last, p.id',
  }[s.sort];

  const filter = where.join(' and ');
  const countParams = [...params];
  const sql = `
    select p.slug, p.display_name, p.headline, p.specialties, p.languages, p.country, p.timezone,
           p.rating_avg::text as rating_avg, p.rating_count, p.min_price_minor as from_price_minor, p.price_currency as currency,
           p.photo_document_id is not null as has_photo, ${rank} as rank
      from public.expert_profiles p
     where ${filter}
     order by ${order}
     limit ${p(s.perPage)} offset ${p((s.page - 1) * s.perPage)}`;
  // Counting stops at COUNT_CAP matches ("1,000+"): an exact count of a broad search costs more than the page itself.
  const [{ rows }, counted] = await Promise.all([
    db.query<TRow>(sql, params),
    db.query<{ n: number }>(
      `select count(*)::int as n from (select 1 from public.expert_profiles p where ${filter} limit ${COUNT_CAP + 1}) m`,
      countParams,
    ),
  ]);
  const n = counted.rows[0]?.n ?? 0;
  const total = Math.min(n, COUNT_CAP);
  return {
    items: rows.map((r) => ({
      slug: r.slug, display_name: r.display_name, headline: r.headline, specialties: r.specialties, languages: r.languages,
      country: r.country, timezone: r.timezone, rating_avg: r.rating_avg === null ? null : Number(r.rating_avg), rating_count: r.rating_count,
      from_price_minor: r.from_price_minor, currency: r.currency, has_photo: r.has_photo,
    })),
    total,
    totalIsCapped: n > COUNT_CAP,
    page: s.page,
    perPage: s.perPage,
    pageCount: Math.max(1, Math.ceil(total / s.perPage)),
  };
}

