import { NextResponse } from 'next/server';
import { AppError } from '@/lib/http/app-error';
import { route, type TAuthedContext } from '@/lib/http/route';
import { assertRecordingParty, MAX_PART_BYTES, uploadRecordingPart } from '@/lib/video/recordings';
import { ZRecordingParams, type TRecordingParams } from '@/lib/video/route-params';

// POST /api/bookings/:id/recordings/:recordingId/parts – multipart (index, file): one ≤5 MB part of the WebM file,
// sent by the recording browser; a part sent again replaces itself
export const POST = route(
  async ({ db, user, params, req }: TAuthedContext<TRecordingParams>) => {
    await assertRecordingParty(db, user, params.id);
    if (Number(req.headers.get('content-length') ?? 0) > MAX_PART_BYTES + 64 * 1024)
      throw new AppError('payload_too_large', 'A part may hold at most 5 MB.');
    const form = await req.formData().catch(() => {
      throw new AppError('invalid_input', 'Send the part as multipart/form-data.');
    });
    const index = Number(form.get('index'));
    const file = form.get('file');
    if (!(file instanceof File)) throw new AppError('invalid_input', 'Attach the part as `file`.', { file: 'Attach the part.' });
    const out = await uploadRecordingPart(db, user, params.id, params.recordingId, index, new Uint8Array(await file.arrayBuffer()));
    return NextResponse.json(out, { status: 201 });
  },
  { roles: ['learner', 'expert', 'admin'], params: ZRecordingParams, multipart: true },
);
