import { NextResponse } from 'next/server';
import { requestCurriculum } from '@/lib/curriculum/as-learner';
import { ZCurriculumRequest } from '@/lib/curriculum/schemas';
import { env, resolveProviders } from '@/lib/config';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { parseOrThrow } from '@/lib/http/zod-fields';

// POST /api/curricula – save a generation request (queued) with its generation job, which a job runner
// (this process's, or a worker's) takes at once
export const POST = route(
  async ({ req, db, user }: TAuthedContext<Record<string, string>>) => {
    const request = parseOrThrow(ZCurriculumRequest, await readJson(req));
    const e = env();
    const { id } = await requestCurriculum(db, user, {
      request,
      provider: resolveProviders(e).ai,
      dailyLimit: e.CURRICULUM_DAILY_LIMIT,
      dailyTokens: e.CURRICULUM_DAILY_TOKENS,
    });
    return NextResponse.json({ id, status: 'queued' }, { status: 201 });
  },
  { roles: ['learner'] },
);
