import 'server-only';
import type { TPrivilegedTx } from '@/lib/db';
import { invalidateExpertCache } from '@/lib/experts/expert-cache';

/**
 * Publishes every review whose window has closed (the booking's end + review_window_days) while the other side
 * never wrote theirs. Called on every read of reviews and registered as a recurring job, so a lone review
 * appears on time whether or not anybody looks. The rating aggregates follow by trigger. Returns how many.
 * A read passes `expertId` so a profile view only touches that expert's reviews, or `bookingId` so a session's
 * review page only touches that session's (the job does them all).
 */
export async function publishDueReviews(db: TPrivilegedTx, scope: { expertId?: string; bookingId?: string } = {}): Promise<number> {
  const { rows } = await db.query<{ slug: string; n: number; rated: boolean }>(
    `with due as (
       update public.session_reviews s set published_at = now()
         from public.bookings b, public.marketplace_policy pol
        where s.published_at is null and b.id = s.booking_id and pol.id = 1
          and b.ends_at + make_interval(days => pol.review_window_days) <= now()
          and ($1::uuid is null or s.expert_id = $1::uuid)
          and ($2::uuid is null or s.booking_id = $2::uuid)
       returning s.expert_id, s.author_role)
     select p.slug, count(*)::int as n, bool_or(due.author_role = 'learner') as rated
       from due join public.expert_profiles p on p.id = due.expert_id group by p.slug`,
    [scope.expertId ?? null, scope.bookingId ?? null],
  );
  for (const r of rows) if (r.rated) await invalidateExpertCache(r.slug);
  return rows.reduce((n, r) => n + r.n, 0);
}
