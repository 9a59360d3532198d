import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ReplyForm } from '@/components/reviews/reply-form';
import { ReviewForm } from '@/components/reviews/review-form';
import { Stars } from '@/components/reviews/review-list';
import { Alert } from '@/components/ui/alert';
import { Container } from '@/components/ui/container';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';
import { getDb } from '@/lib/db';
import { isAppError } from '@/lib/http/app-error';
import { getBookingReviews } from '@/lib/reviews/get-booking-reviews';
import type { TReviewView } from '@/lib/reviews/schemas';

export const metadata: Metadata = { title: 'Review your session' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireRole(['learner', 'expert'], `/sessions/${id}/review`);
  if (!UUID.test(id)) notFound();
  const r = await getBookingReviews(await getDb(), user, id).catch((e) => {
    if (isAppError(e) && e.code === 'not_found') notFound();
    throw e;
  });
  const other = r.viewerRole === 'learner' ? r.expertName : r.learnerName;
  const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: r.viewerTimeZone });
  return (
    <Container>
      <p className="mb-6 text-sm">
        <Link href="/sessions" className="link">
          ← Sessions
        </Link>
      </p>
      <PageHeader
        title={`Your session with ${other}`}
        description={
          <>
            {when.format(new Date(r.start))}. Reviews close {when.format(new Date(r.closesAt))}.
          </>
        }
      />
      <div className="grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="mine" className="card p-5">
          <h2 id="mine" className="text-lg font-semibold">
            {r.viewerRole === 'learner' ? 'Your review' : 'Your feedback for the learner'}
          </h2>
          <div className="mt-3">
            {r.mine ? (
              <OwnReview review={r.mine} />
            ) : r.canReview ? (
              <ReviewForm bookingId={r.bookingId} role={r.viewerRole} otherName={other} />
            ) : (
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {r.status !== 'completed'
                  ? 'Reviews open once the session is completed.'
                  : 'The review window for this session has closed.'}
              </p>
            )}
          </div>
        </section>
        <section aria-labelledby="theirs" className="card p-5">
          <h2 id="theirs" className="text-lg font-semibold">
            {r.viewerRole === 'learner' ? `Feedback from ${other}` : `${other}'s review`}
          </h2>
          <div className="mt-3" data-testid="their-review">
            {r.theirs ? (
              <>
                <ReviewBody review={r.theirs} />
                {r.theirs.reply ? (
                  <div className="mt-3 border-l-2 border-slate-300 pl-3 text-sm dark:border-slate-700">
                    <p className="font-semibold">Your public reply</p>
                    <p className="mt-1 whitespace-pre-line">{r.theirs.reply}</p>
                  </div>
                ) : null}
                {r.canReply ? <ReplyForm reviewId={r.theirs.id} /> : null}
              </>
            ) : (
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {r.theirsSubmitted
                  ? `${other} has written theirs. It appears here once yours is in, or when the window closes.`
                  : `Not written yet. It appears here once both of you have written yours, or when the window closes.`}
              </p>
            )}
          </div>
        </section>
      </div>
    </Container>
  );
}

function ReviewBody({ review }: { review: TReviewView }) {
  return (
    <>
      {review.rating ? (
        <p>
          <Stars rating={review.rating} />
        </p>
      ) : null}
      <p className="mt-2 whitespace-pre-line break-words">{review.body}</p>
      {review.hidden ? <Alert tone="warning">An admin has hidden this review from the public.</Alert> : null}
    </>
  );
}

function OwnReview({ review }: { review: TReviewView }) {
  return (
    <>
      <ReviewBody review={review} />
      <p className="mt-3 text-sm text-slate-600 dark:text-slate-400" data-testid="own-review-status">
        {review.publishedAt ? 'Published.' : 'Submitted — it stays private until the other side has written theirs, or the window closes.'}
      </p>
    </>
  );
}
