// Pure rules of the review window; the booking view (canReview) and lib/reviews share them.

const DAY_MS = 86_400_000;

/** The instant a booking's review window closes: its end plus the policy's review_window_days. */
export function reviewClosesAt(endsAt: Date, windowDays: number): Date {
  return new Date(endsAt.getTime() + windowDays * DAY_MS);
}

export type TReviewOpenInput = {
  status: string;
  endsAt: Date;
  windowDays: number;
  /** Whether the viewer's side has already reviewed this booking. */
  alreadyReviewed: boolean;
  now?: Date;
};

/** A participant may review a completed session, once, until the window closes. */
export function isReviewOpen({ status, endsAt, windowDays, alreadyReviewed, now = new Date() }: TReviewOpenInput): boolean {
  return (
    status === 'completed' &&
    !alreadyReviewed &&
    now.getTime() >= endsAt.getTime() &&
    now.getTime() < reviewClosesAt(endsAt, windowDays).getTime()
  );
}
