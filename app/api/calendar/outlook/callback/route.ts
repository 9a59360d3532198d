import { NextResponse } from 'next/server';
import { appUrl } from '@/lib/booking/participants';
import { outlookRedirectUri } from '@/lib/calendar/outlook/config';
import { STATE_COOKIE, finishConnect } from '@/lib/calendar/manage';
import { isAppError } from '@/lib/http/app-error';
import { route } from '@/lib/http/route';

// GET /api/calendar/outlook/callback?code&state – Outlook sends the expert back here; the connection is stored
// and its first sync queued, then the expert lands on the availability page with the outcome in the address
export const GET = route(
  async ({ req, db, user }) => {
    const q = req.nextUrl.searchParams;
    const back = new URL('/availability', appUrl());
    try {
      await finishConnect(db, user, 'outlook', {
        code: q.get('code'),
        state: q.get('state'),
        error: q.get('error'),
        cookieState: req.cookies.get(STATE_COOKIE)?.value,
        redirectUri: outlookRedirectUri(appUrl()),
      });
      back.searchParams.set('calendar', 'connected');
    } catch (e) {
      if (!isAppError(e)) throw e;
      back.searchParams.set('calendar_error', e.message);
    }
    back.hash = 'calendars';
    const res = NextResponse.redirect(back, 303);
    res.cookies.delete({ name: STATE_COOKIE, path: '/api/calendar/outlook' });
    return res;
  },
  { roles: ['expert'] },
);
