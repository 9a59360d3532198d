import { NextResponse } from 'next/server';
import { handleGooglePush } from '@/lib/calendar/google/watch';
import { AppError } from '@/lib/http/app-error';
import { route } from '@/lib/http/route';

// POST /api/calendar/google/push – Google's events.watch notifications (no body, no session): the channel id
// must be one of ours and X-Goog-Channel-Token its secret; then an incremental sync of that connection is queued
export const POST = route(async ({ req, db }) => {
  const out = await handleGooglePush(db, {
    channelId: req.headers.get('x-goog-channel-id'),
    token: req.headers.get('x-goog-channel-token'),
    state: req.headers.get('x-goog-resource-state'),
  });
  if (out.status === 404) throw new AppError('not_found', 'No such notification channel.');
  if (out.status === 403) throw new AppError('forbidden', 'The channel token does not match.');
  return new NextResponse(null, { status: 204 });
});
