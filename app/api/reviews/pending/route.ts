import { NextResponse } from 'next/server';
import { route, type TAuthedContext } from '@/lib/http/route';
import { listPendingReviews } from '@/lib/reviews/list-pending-reviews';

// GET /api/reviews/pending – completed sessions the signed-in user may still review
export const GET = route(
  async ({ db, user }: TAuthedContext<Record<string, string>>) => NextResponse.json({ pending: await listPendingReviews(db, user) }),
  { roles: ['learner', 'expert'] },
);
