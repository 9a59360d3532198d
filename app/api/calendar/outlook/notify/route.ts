import { NextResponse } from 'next/server';
import { handleOutlookNotifications } from '@/lib/calendar/outlook/push';
import { readJson, route } from '@/lib/http/route';

// POST /api/calendar/outlook/notify – Microsoft Graph change notifications (no session). Creating a subscription,
// Graph first POSTs ?validationToken=…, which must come back as text/plain within 10 s; every later POST is a
// batch of notifications, each checked against its subscription's clientState before a sync is queued. 202 either
// way, so Graph neither retries nor learns which ids exist.
export const POST = route(async ({ req, db }) => {
  const validationToken = req.nextUrl.searchParams.get('validationToken');
  if (validationToken !== null) {
    return new NextResponse(validationToken.slice(0, 1024), {
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' },
    });
  }
  await handleOutlookNotifications(db, await readJson(req, 256 * 1024));
  return new NextResponse(null, { status: 202 });
});
