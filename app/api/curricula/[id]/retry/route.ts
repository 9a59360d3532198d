import { after, NextResponse } from 'next/server';
import { assertRetryable } from '@/lib/curriculum/retry-generation';
import { startGeneration } from '@/lib/curriculum/start-generation';
import { env } from '@/lib/config';
import { withUser } from '@/lib/db';
import { route, type TAuthedContext } from '@/lib/http/route';

// POST /api/curricula/:id/retry – generate a failed request again from what was saved
export const POST = route(
  async ({ db, user, params }: TAuthedContext<{ id: string }>) => {
    await withUser(db, user, (tx) => assertRetryable(tx, { id: params.id, userId: user.id, dailyLimit: env().CURRICULUM_DAILY_LIMIT }));
    after(() => startGeneration(params.id));
    return NextResponse.json({ id: params.id, status: 'queued' }, { status: 202 });
  },
  { roles: ['learner'] },
);
