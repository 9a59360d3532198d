import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import type { TDb } from '@/lib/db';
import { invalidateExpertCache } from '@/lib/experts/expert-cache';
import { AppError } from '@/lib/http/app-error';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { ZHideReview } from './schemas';
import { requireAdmin } from '@/lib/auth/permissions';

/**
 * An admin hides a review (or shows it again) with a reason kept on the review and in the audit log. A hidden
 * review leaves the public list and the rating aggregates (trigger). Reviews are written on the service
 * connection (no user role has write grants on them); the admin check is here.
 */
export async function hideReview(db: TDb, admin: TSessionUser, reviewId: string, input: unknown): Promise<{ hidden: boolean }> {
  requireAdmin(admin, 'Only admins hide reviews.');
  const v = parseOrThrow(ZHideReview, input);
  const slug = await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ slug: string; hidden: boolean }>(
      `select p.slug, s.hidden from public.session_reviews s join public.expert_profiles p on p.id = s.expert_id where s.id = $1 for update of s`,
      [reviewId],
    );
    if (!rows[0]) throw new AppError('not_found', 'No such review.');
    if (rows[0].hidden === v.hidden)
      throw new AppError('conflict', v.hidden ? 'The review is already hidden.' : 'The review is not hidden.');
    await tx.query('update public.session_reviews set hidden = $2, hidden_reason = $3 where id = $1', [
      reviewId,
      v.hidden,
      v.reason || null,
    ]);
    await tx.query(
      `insert into public.audit_log (actor_id, action, subject_type, subject_id, reason, data) values ($1, $2, 'session_review', $3, $4, '{}')`,
      [admin.id, v.hidden ? 'review.hide' : 'review.unhide', reviewId, v.reason || null],
    );
    return rows[0].slug;
  });
  await invalidateExpertCache(slug);
  return { hidden: v.hidden };
}
