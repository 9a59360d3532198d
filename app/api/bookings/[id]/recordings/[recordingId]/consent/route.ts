import { NextResponse } from 'next/server';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { answerConsent, recordingsState } from '@/lib/video/recordings';
import { ZRecordingParams, type TRecordingParams } from '@/lib/video/route-params';

// POST /api/bookings/:id/recordings/:recordingId/consent { granted } – a participant's yes, or no / withdrawal (stops it)
export const POST = route(
  async ({ db, user, params, req }: TAuthedContext<TRecordingParams>) => {
    const status = await answerConsent(db, user, params.id, params.recordingId, await readJson(req));
    return NextResponse.json({ status, state: await recordingsState(db, user, params.id) });
  },
  { roles: ['learner', 'expert', 'admin'], params: ZRecordingParams },
);
