import { NextResponse } from 'next/server';
import { route, type TAuthedContext } from '@/lib/http/route';
import { deleteRecording } from '@/lib/video/recordings';
import { ZRecordingParams, type TRecordingParams } from '@/lib/video/route-params';

// DELETE /api/bookings/:id/recordings/:recordingId – either participant deletes the recording (file and row)
export const DELETE = route(
  async ({ db, user, params }: TAuthedContext<TRecordingParams>) => {
    await deleteRecording(db, user, params.id, params.recordingId);
    return NextResponse.json({ deleted: true });
  },
  { roles: ['learner', 'expert', 'admin'], params: ZRecordingParams },
);
