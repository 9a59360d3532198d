import { NextResponse } from 'next/server';
import { retryGeneration } from '@/lib/curriculum/retry-generation';
import { env } from '@/lib/config';
import { withUser } from '@/lib/db';
import { route, type TAuthedContext } from '@/lib/http/route';
import { wakeJobRunner } from '@/lib/jobs';

// POST /api/curricula/:id/retry – generate a failed request again from what was saved (queued as a job)
export const POST = route(
  async ({ db, user, params }: TAuthedContext<{ id: string }>) => {
    await withUser(db, user, (tx) => retryGeneration(tx, { id: params.id, userId: user.id, dailyLimit: env().CURRICULUM_DAILY_LIMIT }));
    wakeJobRunner();
    return NextResponse.json({ id: params.id, status: 'queued' }, { status: 202 });
  },
  { roles: ['learner'] },
);
