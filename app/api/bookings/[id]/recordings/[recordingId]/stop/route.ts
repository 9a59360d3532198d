import { NextResponse } from 'next/server';
import { route, type TAuthedContext } from '@/lib/http/route';
import { recordingsState, stopRecording } from '@/lib/video/recordings';
import { ZRecordingParams, type TRecordingParams } from '@/lib/video/route-params';

// POST /api/bookings/:id/recordings/:recordingId/stop – either participant stops the recording (or withdraws the request)
export const POST = route(
  async ({ db, user, params }: TAuthedContext<TRecordingParams>) => {
    const status = await stopRecording(db, user, params.id, params.recordingId);
    return NextResponse.json({ status, state: await recordingsState(db, user, params.id) });
  },
  { roles: ['learner', 'expert', 'admin'], params: ZRecordingParams },
);
