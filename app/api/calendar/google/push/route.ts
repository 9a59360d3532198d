import { NextResponse } from 'next/server';
import { handleGooglePush } from '@/lib/calendar/google/watch';
import { route } from '@/lib/http/route';

// POST /api/calendar/google/push – Google's events.watch notifications (no body, no session): the channel id
// must be one of ours and X-Goog-Channel-Token its secret; then an incremental sync of that connection is queued
export const POST = route(async ({ req, db }) => {
  const out = await handleGooglePush(db, {
    channelId: req.headers.get('x-goog-channel-id'),
    token: req.headers.get('x-goog-channel-token'),
    state: req.headers.get('x-goog-resource-state'),
  });
  return new NextResponse(null, { status: out.status === 200 ? 204 : out.status });
});
