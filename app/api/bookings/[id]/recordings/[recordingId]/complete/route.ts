import { NextResponse } from 'next/server';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { completeRecording, recordingsState } from '@/lib/video/recordings';
import { ZRecordingParams, type TRecordingParams } from '@/lib/video/route-params';

// POST /api/bookings/:id/recordings/:recordingId/complete { parts, durationSeconds } – joins the parts, stores the file, tells both
export const POST = route(
  async ({ db, user, params, req }: TAuthedContext<TRecordingParams>) => {
    await completeRecording(db, user, params.id, params.recordingId, await readJson(req));
    return NextResponse.json({ state: await recordingsState(db, user, params.id) });
  },
  { roles: ['learner', 'expert', 'admin'], params: ZRecordingParams },
);
