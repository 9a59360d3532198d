import 'server-only';
import type { TUserTx } from '@/lib/db';

export type TAdminReview = {
  id: string;
  expertName: string;
  expertSlug: string;
  author: string | null;
  authorRole: 'learner' | 'expert';
  rating: number | null;
  body: string;
  publishedAt: string | null;
  hidden: boolean;
  hiddenReason: string | null;
  reply: string | null;
  createdAt: string;
};

/**
 * Reviews for the moderation page, newest first (run as the admin: RLS lets admins read every review). The newest
 * `limit` are picked from session_reviews_learner_recent_idx before the joins, so a view reads `limit` rows, not
 * every review (migration 20261201000300).
 */
export async function listAdminReviews(tx: TUserTx, { hiddenOnly = false, limit = 50 } = {}): Promise<TAdminReview[]> {
  const { rows } = await tx.query<{
    id: string;
    display_name: string;
    slug: string;
    author_name: string | null;
    author_role: 'learner' | 'expert';
    rating: number | null;
    body: string;
    published_at: Date | null;
    hidden: boolean;
    hidden_reason: string | null;
    reply: string | null;
    created_at: Date;
  }>(
    `select s.id, p.display_name, p.slug, u.name as author_name, s.author_role, s.rating, s.body, s.published_at, s.hidden,
            s.hidden_reason, s.reply, s.created_at
       from (select * from public.session_reviews r
              where r.author_role = 'learner' and ($1::boolean is false or r.hidden)
              order by r.created_at desc limit $2) s
       join public.expert_profiles p on p.id = s.expert_id
       left join public.users u on u.id = s.author_id
      order by s.created_at desc`,
    [hiddenOnly, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    expertName: r.display_name,
    expertSlug: r.slug,
    author: r.author_name,
    authorRole: r.author_role,
    rating: r.rating,
    body: r.body,
    publishedAt: r.published_at?.toISOString() ?? null,
    hidden: r.hidden,
    hiddenReason: r.hidden_reason,
    reply: r.reply,
    createdAt: r.created_at.toISOString(),
  }));
}
