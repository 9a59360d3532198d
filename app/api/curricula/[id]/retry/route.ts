import { NextResponse } from 'next/server';
import { retryOwnCurriculum } from '@/lib/curriculum/as-learner';
import { env } from '@/lib/config';
import { route, type TAuthedContext } from '@/lib/http/route';

// POST /api/curricula/:id/retry – generate a failed request again from what was saved (queued as a job)
export const POST = route(
  async ({ db, user, params }: TAuthedContext<{ id: string }>) => {
    await retryOwnCurriculum(db, user, { id: params.id, dailyLimit: env().CURRICULUM_DAILY_LIMIT });
    return NextResponse.json({ id: params.id, status: 'queued' }, { status: 202 });
  },
  { roles: ['learner'] },
);
