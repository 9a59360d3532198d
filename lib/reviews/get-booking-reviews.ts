import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import { withUser, type TDb } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { publishDueReviews } from './publish-due-reviews';
import type { TBookingReviews, TReviewView } from './schemas';

type TReviewRow = {
  id: string;
  author_role: 'learner' | 'expert';
  rating: number | null;
  body: string;
  published_at: Date | null;
  reply: string | null;
  replied_at: Date | null;
  hidden: boolean;
};

const toView = (r: TReviewRow): TReviewView => ({
  id: r.id,
  authorRole: r.author_role,
  rating: r.rating,
  body: r.body,
  publishedAt: r.published_at?.toISOString() ?? null,
  reply: r.reply,
  repliedAt: r.replied_at?.toISOString() ?? null,
  hidden: r.hidden,
});

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A participant's view of one session's reviews. The reviews are read as the user (row-level security), so the
 * other side's review reaches this function only once published: double-blind holds in the database too.
 */
export async function getBookingReviews(db: TDb, user: TSessionUser, bookingId: string): Promise<TBookingReviews> {
  if (UUID_RE.test(bookingId)) await publishDueReviews(db, { bookingId }); // this session's only: the job does the rest
  const { rows } = await db.query<{
    id: string;
    learner_id: string | null;
    expert_user_id: string;
    expert_name: string;
    slug: string;
    learner_name: string | null;
    starts_at: Date;
    ends_at: Date;
    status: string;
    closes_at: Date;
    open: boolean;
    viewer_tz: string | null;
    learner_in: boolean;
    expert_in: boolean;
  }>(
    `select b.id, b.learner_id, p.user_id as expert_user_id, p.display_name as expert_name, p.slug, u.name as learner_name,
            b.starts_at, b.ends_at, b.status, b.ends_at + make_interval(days => pol.review_window_days) as closes_at,
            (select v.timezone from public.users v where v.id = $2) as viewer_tz,
            now() >= b.ends_at and now() < b.ends_at + make_interval(days => pol.review_window_days) as open,
            exists (select 1 from public.session_reviews s where s.booking_id = b.id and s.author_role = 'learner') as learner_in,
            exists (select 1 from public.session_reviews s where s.booking_id = b.id and s.author_role = 'expert') as expert_in
       from public.bookings b join public.expert_profiles p on p.id = b.expert_id
       left join public.users u on u.id = b.learner_id
       cross join public.marketplace_policy pol
      where b.id = $1 and pol.id = 1`,
    [bookingId, user.id],
  );
  const b = rows[0];
  const role = !b ? null : b.learner_id === user.id ? 'learner' : b.expert_user_id === user.id ? 'expert' : null;
  if (!b || !role) throw new AppError('not_found', 'No such session.');
  const reviews = await withUser(db, user, (tx) =>
    tx.query<TReviewRow>(
      'select id, author_role, rating, body, published_at, reply, replied_at, hidden from public.session_reviews where booking_id = $1',
      [bookingId],
    ),
  );
  const mine = reviews.rows.find((r) => r.author_role === role) ?? null;
  const theirs = reviews.rows.find((r) => r.author_role !== role && r.published_at) ?? null;
  return {
    bookingId: b.id,
    viewerRole: role,
    viewerTimeZone: b.viewer_tz ?? 'UTC',
    expertName: b.expert_name,
    expertSlug: b.slug,
    learnerName: b.learner_name ?? 'A former learner',
    start: b.starts_at.toISOString(),
    end: b.ends_at.toISOString(),
    status: b.status,
    closesAt: b.closes_at.toISOString(),
    canReview: b.status === 'completed' && b.open && !mine,
    mine: mine && toView(mine),
    theirs: theirs && toView(theirs),
    theirsSubmitted: role === 'learner' ? b.expert_in : b.learner_in,
    canReply: role === 'expert' && !!theirs && theirs.reply === null && !theirs.hidden,
  };
}
