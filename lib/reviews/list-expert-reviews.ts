import 'server-only';
import { getDb, withAnon, type TAnonTx, type TDb, type TQueryable } from '@/lib/db';
import { publishDueReviews } from './publish-due-reviews';
import type { TPublicReview, TRatingSummary } from './schemas';

/** The stored aggregates (kept by the database from the reviews): public numbers, fine on any connection. */
export async function getRatingSummary(db: TQueryable, expertId: string): Promise<TRatingSummary> {
  const { rows } = await db.query<{ rating_avg: string | null; rating_count: number; rating_histogram: number[] }>(
    'select rating_avg::text as rating_avg, rating_count, rating_histogram from public.expert_profiles where id = $1',
    [expertId],
  );
  const r = rows[0];
  const h = r?.rating_histogram ?? [0, 0, 0, 0, 0];
  return { average: r?.rating_avg ? Number(r.rating_avg) : null, count: r?.rating_count ?? 0, histogram: [h[0], h[1], h[2], h[3], h[4]] };
}

/** Published, visible learner reviews of an expert, newest first, with the expert's replies. */
export async function listExpertReviews(db: TAnonTx, expertId: string, { limit = 20, offset = 0 } = {}): Promise<TPublicReview[]> {
  const { rows } = await db.query<{
    id: string;
    rating: number;
    body: string;
    name: string | null;
    published_at: Date;
    reply: string | null;
    replied_at: Date | null;
  }>(
    // The author's short name comes from review_author_short_name(): a visitor may not read public.users.
    `select s.id, s.rating, s.body, public.review_author_short_name(s.id) as name, s.published_at, s.reply, s.replied_at
       from public.session_reviews s
      where s.expert_id = $1 and s.author_role = 'learner' and s.published_at is not null and not s.hidden
      order by s.published_at desc, s.id limit $2 offset $3`,
    [expertId, limit, offset],
  );
  return rows.map((r) => ({
    id: r.id,
    rating: r.rating,
    body: r.body,
    author: shortName(r.name),
    publishedAt: r.published_at.toISOString(),
    reply: r.reply,
    repliedAt: r.replied_at?.toISOString() ?? null,
  }));
}

/** "Lena L." — a reviewer's first name and initial; never the full name or the email. */
export function shortName(name: string | null): string {
  const parts = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (!parts.length) return 'A learner';
  return parts.length === 1 ? parts[0] : `${parts[0]} ${parts[parts.length - 1][0]}.`;
}

export type TProfileReviews = { summary: TRatingSummary; reviews: TPublicReview[] };

/** The profile's reviews section: this expert's due reviews published first, then the aggregates and the latest reviews. */
export async function getProfileReviews(db: TDb, expertId: string, limit = 10): Promise<TProfileReviews> {
  await publishDueReviews(db, { expertId }); // a write: the service connection's job
  // Then the reads, as a visitor, one after the other on one client.
  return withAnon(db, async (tx) => ({
    summary: await getRatingSummary(tx, expertId),
    reviews: await listExpertReviews(tx, expertId, { limit }),
  }));
}

/** For server components, which never open the database themselves. */
export async function loadProfileReviews(expertId: string, limit = 10): Promise<TProfileReviews> {
  return getProfileReviews(await getDb(), expertId, limit);
}
