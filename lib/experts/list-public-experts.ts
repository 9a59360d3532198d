import 'server-only';
import type { TQueryable } from '@/lib/db';

export type TPublicExpert = {
  slug: string;
  display_name: string;
  headline: string;
  specialties: string[];
  languages: string[];
  country: string | null;
  timezone: string;
  rating_avg: string | null;
  rating_count: number;
  from_price_minor: number | null;
  currency: string | null;
};

/** Approved, visible experts with their lowest price — what any visitor may see. */
export async function listPublicExperts(db: TQueryable, limit = 50): Promise<TPublicExpert[]> {
  const { rows } = await db.query<TPublicExpert>(
    `select p.slug, p.display_name, p.headline, p.specialties, p.languages, p.country, p.timezone,
            p.rating_avg::text as rating_avg, p.rating_count, o.price_minor as from_price_minor, o.currency
       from public.expert_profiles p
       left join lateral (
         select price_minor, currency from public.expert_offerings where expert_id = p.id order by price_minor asc limit 1
       ) o on true
      where p.status = 'approved' and not p.hidden
      order by p.rating_avg desc nulls last, p.rating_count desc
      limit $1`,
    [limit],
  );
  return rows;
}
