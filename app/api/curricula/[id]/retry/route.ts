import { after, NextResponse } from 'next/server';
import { checkRetryable } from '@/lib/curriculum/as-learner';
import { startGeneration } from '@/lib/curriculum/start-generation';
import { env } from '@/lib/config';
import { route, type TAuthedContext } from '@/lib/http/route';

// POST /api/curricula/:id/retry – generate a failed request again from what was saved
export const POST = route(
  async ({ db, user, params }: TAuthedContext<{ id: string }>) => {
    await checkRetryable(db, user, { id: params.id, dailyLimit: env().CURRICULUM_DAILY_LIMIT });
    after(() => startGeneration(params.id));
    return NextResponse.json({ id: params.id, status: 'queued' }, { status: 202 });
  },
  { roles: ['learner'] },
);
