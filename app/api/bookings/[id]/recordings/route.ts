import { NextResponse } from 'next/server';
import { route, type TAuthedContext } from '@/lib/http/route';
import { recordingsState, requestRecording } from '@/lib/video/recordings';

// GET /api/bookings/:id/recordings – the current recording (both consents) and the stored ones, for the two participants only
export const GET = route(
  async ({ db, user, params }: TAuthedContext<{ id: string }>) => NextResponse.json(await recordingsState(db, user, params.id)),
  { roles: ['learner', 'expert', 'admin'] },
);

// POST /api/bookings/:id/recordings – ask to record (the asker's consent is its first answer); starts once the other side consents
export const POST = route(
  async ({ db, user, params }: TAuthedContext<{ id: string }>) => {
    const id = await requestRecording(db, user, params.id);
    return NextResponse.json({ recordingId: id, state: await recordingsState(db, user, params.id) }, { status: 201 });
  },
  { roles: ['learner', 'expert', 'admin'] },
);
