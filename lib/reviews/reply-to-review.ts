import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import type { TDb } from '@/lib/db';
import { invalidateExpertCache } from '@/lib/experts/expert-cache';
import { AppError } from '@/lib/http/app-error';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { ZReviewReply } from './schemas';

/** The expert's one public reply to a published learner review about them. */
export async function replyToReview(db: TDb, user: TSessionUser, reviewId: string, input: unknown): Promise<void> {
  const v = parseOrThrow(ZReviewReply, input);
  const slug = await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ slug: string; published: boolean; replied: boolean; author_role: string }>(
      `select p.slug, s.published_at is not null as published, s.reply is not null as replied, s.author_role
         from public.session_reviews s join public.expert_profiles p on p.id = s.expert_id
        where s.id = $1 and p.user_id = $2 for update of s`,
      [reviewId, user.id],
    );
    const r = rows[0];
    if (!r || r.author_role !== 'learner') throw new AppError('not_found', 'No such review.');
    if (!r.published) throw new AppError('conflict', 'You can reply once the review is published.');
    if (r.replied) throw new AppError('conflict', 'You have already replied to this review.');
    await tx.query('update public.session_reviews set reply = $2, replied_at = now() where id = $1', [reviewId, v.reply]);
    return r.slug;
  });
  await invalidateExpertCache(slug);
}
