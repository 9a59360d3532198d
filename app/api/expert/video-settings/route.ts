import { NextResponse } from 'next/server';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { getVideoSettings, saveVideoSettings } from '@/lib/video/offering-video';

// GET /api/expert/video-settings – the expert's session types with the video each uses, and the choices available
export const GET = route(async ({ db, user }: TAuthedContext<object>) => NextResponse.json(await getVideoSettings(db, user)), {
  roles: ['expert'],
});

// PUT /api/expert/video-settings { offerings: [{ lengthMinutes, videoProvider }] }
export const PUT = route(
  async ({ db, user, req }: TAuthedContext<object>) => NextResponse.json(await saveVideoSettings(db, user, await readJson(req))),
  { roles: ['expert'] },
);
