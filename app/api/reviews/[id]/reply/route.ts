import { NextResponse } from 'next/server';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { replyToReview } from '@/lib/reviews/reply-to-review';

// POST /api/reviews/:id/reply – the expert's one public reply to a published review ({ reply })
export const POST = route<{ id: string }>(
  async ({ req, db, user, params }: TAuthedContext<{ id: string }>) => {
    await replyToReview(db, user, params.id, await readJson(req));
    return NextResponse.json({ ok: true });
  },
  { roles: ['expert'] },
);
