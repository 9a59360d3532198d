import 'server-only';
import { withAnon, type TAnonTx, type TDb } from '@/lib/db';
import { cachedProfile } from './expert-cache';
import type { TProfileFields } from './profile-fields';

export type TPublicProfile = TProfileFields & {
  id: string;
  rating_avg: number | null;
  rating_count: number;
  has_photo: boolean;
  /** The first free slot of the shortest session (ISO), kept by refreshNextAvailable; null when none. */
  next_available_at: string | null;
  offerings: { duration_minutes: number; price_minor: number; currency: string }[];
};

/** A listed expert's public profile by slug, or null (unknown, unapproved, suspended or hidden). */
export async function getPublicProfile(db: TAnonTx, slug: string): Promise<TPublicProfile | null> {
  const { rows } = await db.query<Omit<TPublicProfile, 'rating_avg' | 'offerings'> & { rating_avg: string | null }>(
    `select id, slug, display_name, headline, bio, specialties, tags, languages, years_experience, country, timezone, links,
            rating_avg::text as rating_avg, rating_count, photo_document_id is not null as has_photo,
            to_char(next_available_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as next_available_at
       from public.expert_profiles where slug = $1 and status = 'approved' and not hidden`,
    [slug],
  );
  const p = rows[0];
  if (!p) return null;
  const offerings = await db.query<TPublicProfile['offerings'][number]>(
    'select duration_minutes, price_minor, currency from public.expert_offerings where expert_id = $1 order by duration_minutes',
    [p.id],
  );
  return { ...p, rating_avg: p.rating_avg === null ? null : Number(p.rating_avg), offerings: offerings.rows };
}

/** The profile page's read, as a visitor: the anon policy (listed: approved and not hidden) decides as well as the query. */
export function loadPublicProfile(db: TDb, slug: string): Promise<TPublicProfile | null> {
  return withAnon(db, (tx) => getPublicProfile(tx, slug));
}

/** A listed expert's profile by the slug in a URL, kept with the directory's cache; null for a malformed or unknown slug. */
export async function cachedListedProfile(db: TDb, slug: string): Promise<TPublicProfile | null> {
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null;
  return cachedProfile(slug, () => loadPublicProfile(db, slug));
}
