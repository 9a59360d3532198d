import { NextResponse } from 'next/server';
import { z } from 'zod';
import { extendCurriculum } from '@/lib/curriculum/change-curriculum';
import { getCurriculumProvider } from '@/lib/curriculum/get-provider';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { parseOrThrow } from '@/lib/http/zod-fields';

const ZExtend = z.object({ weeks: z.coerce.number().int('Use whole weeks.').min(1, 'At least 1 week.').max(26, 'At most 26 weeks.') });

// POST /api/curricula/:id/extend – more modules for more weeks; existing lessons and progress stay
export const POST = route(
  async ({ req, db, user, params }: TAuthedContext<{ id: string }>) => {
    const { weeks } = parseOrThrow(ZExtend, await readJson(req));
    const plan = await extendCurriculum(db, user, { curriculumId: params.id, weeks, provider: getCurriculumProvider() });
    return NextResponse.json({ modules: plan.modules.length });
  },
  { roles: ['learner'] },
);
