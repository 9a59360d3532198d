import { loadProfileReviews } from '@/lib/reviews/list-expert-reviews';
import { RatingBars } from './rating-bars';
import { ReviewList } from './review-list';

/** The profile's "Rating and reviews" section body: fresh aggregates, the distribution, the latest reviews. */
export async function ProfileReviews({ expertId, expertName }: { expertId: string; expertName: string }) {
  const { summary, reviews } = await loadProfileReviews(expertId);
  return (
    <>
      <RatingBars summary={summary} />
      <ReviewList reviews={reviews} expertName={expertName} />
    </>
  );
}
