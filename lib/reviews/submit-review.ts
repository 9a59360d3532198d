import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import type { TDb, TPrivilegedTx } from '@/lib/db';
import { invalidateExpertCache } from '@/lib/experts/expert-cache';
import { AppError } from '@/lib/http/app-error';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { notifyEvent } from '@/lib/notifications/notify-event';
import { ZReviewInput } from './schemas';

type TBookingRow = {
  id: string;
  expert_id: string;
  learner_id: string | null;
  status: string;
  expert_user_id: string;
  slug: string;
  closes_at: Date;
  open: boolean;
  started: boolean;
};

/** Reads a booking with its review window for a participant, locking it so two reviews of it take turns. */
export async function lockReviewableBooking(tx: TPrivilegedTx, bookingId: string, user: TSessionUser) {
  const { rows } = await tx.query<TBookingRow>(
    `select b.id, b.expert_id, b.learner_id, b.status, p.user_id as expert_user_id, p.slug,
            b.ends_at + make_interval(days => pol.review_window_days) as closes_at,
            now() < b.ends_at + make_interval(days => pol.review_window_days) as open,
            now() >= b.ends_at as started
       from public.bookings b join public.expert_profiles p on p.id = b.expert_id
       cross join public.marketplace_policy pol
      where b.id = $1 and pol.id = 1
      for update of b`,
    [bookingId],
  );
  const b = rows[0];
  const role = !b ? null : b.learner_id === user.id ? 'learner' : b.expert_user_id === user.id ? 'expert' : null;
  // Not a participant: the same answer as no such booking, so ids reveal nothing.
  if (!b || !role) throw new AppError('not_found', 'No such session.');
  return { booking: b, role: role as 'learner' | 'expert' };
}

/**
 * A participant's review of a completed session, once per side, inside the policy's window. The learner rates
 * (public once published); the expert writes private feedback. Double-blind: the second review publishes both;
 * a lone one publishes when the window closes (publishDueReviews).
 */
export async function submitReview(db: TDb, user: TSessionUser, input: unknown): Promise<{ id: string; published: boolean }> {
  const v = parseOrThrow(ZReviewInput, input);
  const result = await db.transaction(async (tx) => {
    const { booking: b, role } = await lockReviewableBooking(tx, v.bookingId, user);
    if (b.status !== 'completed') throw new AppError('conflict', 'Only a completed session can be reviewed.');
    if (!b.open) throw new AppError('conflict', 'The review window for this session has closed.');
    if (role === 'learner' && (v.rating === null || v.rating === undefined)) {
      throw new AppError('invalid_input', 'Some fields need attention.', { rating: 'Pick 1 to 5 stars.' });
    }
    const { rows } = await tx.query<{ id: string }>(
      `insert into public.session_reviews (booking_id, expert_id, author_role, author_id, rating, body)
       values ($1, $2, $3, $4, $5, $6) on conflict (booking_id, author_role) do nothing returning id`,
      [b.id, b.expert_id, role, user.id, role === 'learner' ? v.rating : null, v.body],
    );
    if (!rows[0]) throw new AppError('conflict', 'You have already reviewed this session.');
    const other = await tx.query<{ n: number }>(
      'select count(*)::int as n from public.session_reviews where booking_id = $1 and author_role <> $2',
      [b.id, role],
    );
    const published = other.rows[0].n > 0;
    if (published)
      await tx.query('update public.session_reviews set published_at = now() where booking_id = $1 and published_at is null', [b.id]);
    const recipient = role === 'learner' ? b.expert_user_id : b.learner_id;
    if (recipient) {
      await notifyEvent(
        tx,
        published
          ? {
              userId: recipient,
              event: 'review.new',
              title: 'Both reviews of your session are in',
              body: 'You can now read what the other side wrote.',
              link: `/sessions/${b.id}/review`,
            }
          : {
              userId: recipient,
              event: 'review.new',
              title: 'Your session has a review waiting',
              body: 'Write yours to read it: both appear once both are in, or when the review window closes.',
              link: `/sessions/${b.id}/review`,
            },
      );
    }
    return { id: rows[0].id, published, slug: b.slug };
  });
  if (result.published) await invalidateExpertCache(result.slug);
  return { id: result.id, published: result.published };
}
