import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import type { TPrivilegedTx } from '@/lib/db';

export type TPendingReview = {
  bookingId: string;
  role: 'learner' | 'expert';
  otherName: string;
  start: string;
  end: string;
  closesAt: string;
};

/** Completed sessions the user may still review (their side has not, the window is open), soonest to close first. */
export async function listPendingReviews(db: TPrivilegedTx, user: TSessionUser): Promise<TPendingReview[]> {
  const { rows } = await db.query<{
    id: string;
    role: 'learner' | 'expert';
    other_name: string | null;
    starts_at: Date;
    ends_at: Date;
    closes_at: Date;
  }>(
    `select b.id, case when b.learner_id = $1 then 'learner' else 'expert' end as role,
            case when b.learner_id = $1 then p.display_name else u.name end as other_name,
            b.starts_at, b.ends_at, b.ends_at + make_interval(days => pol.review_window_days) as closes_at
       from public.bookings b join public.expert_profiles p on p.id = b.expert_id
       left join public.users u on u.id = b.learner_id
       cross join public.marketplace_policy pol
      where pol.id = 1 and b.status = 'completed' and (b.learner_id = $1 or p.user_id = $1)
        and now() >= b.ends_at and now() < b.ends_at + make_interval(days => pol.review_window_days)
        and not exists (select 1 from public.session_reviews s where s.booking_id = b.id
                         and s.author_role = case when b.learner_id = $1 then 'learner' else 'expert' end)
      order by closes_at`,
    [user.id],
  );
  return rows.map((r) => ({
    bookingId: r.id,
    role: r.role,
    otherName: r.other_name ?? 'A former learner',
    start: r.starts_at.toISOString(),
    end: r.ends_at.toISOString(),
    closesAt: r.closes_at.toISOString(),
  }));
}
