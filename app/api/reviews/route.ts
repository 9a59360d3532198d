import { NextResponse } from 'next/server';
import { z } from 'zod';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { getBookingReviews } from '@/lib/reviews/get-booking-reviews';
import { submitReview } from '@/lib/reviews/submit-review';

const ZQuery = z.object({ bookingId: z.uuid('Is not a valid session.') });

// GET /api/reviews?bookingId= – the signed-in participant's view of one session's reviews (double-blind)
export const GET = route(
  async ({ req, db, user }: TAuthedContext<Record<string, string>>) => {
    const { bookingId } = parseOrThrow(ZQuery, Object.fromEntries(req.nextUrl.searchParams));
    return NextResponse.json({ reviews: await getBookingReviews(db, user, bookingId) });
  },
  { roles: ['learner', 'expert'] },
);

// POST /api/reviews – write one's review of a completed session ({ bookingId, rating?, body })
export const POST = route(
  async ({ req, db, user }: TAuthedContext<Record<string, string>>) => {
    const result = await submitReview(db, user, await readJson(req));
    return NextResponse.json(result, { status: 201 });
  },
  { roles: ['learner', 'expert'] },
);
