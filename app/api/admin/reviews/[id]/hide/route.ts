import { NextResponse } from 'next/server';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { hideReview } from '@/lib/reviews/hide-review';

// POST /api/admin/reviews/:id/hide – hide a review with a reason, or show it again ({ hidden, reason })
export const POST = route<{ id: string }>(
  async ({ req, db, user, params }: TAuthedContext<{ id: string }>) =>
    NextResponse.json(await hideReview(db, user, params.id, await readJson(req))),
  { roles: ['admin'] },
);
