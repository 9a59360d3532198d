import { NextResponse } from 'next/server';
import { appUrl } from '@/lib/booking/participants';
import { calendlyRedirectUri } from '@/lib/calendar/calendly/config';
import { STATE_COOKIE, finishConnect } from '@/lib/calendar/manage';
import { isAppError } from '@/lib/http/app-error';
import { route } from '@/lib/http/route';

// GET /api/calendar/calendly/callback?code&state – Calendly sends the expert back here; the connection is stored
// and its first sync queued, then the expert lands on the availability page with the outcome in the address
export const GET = route(
  async ({ req, db, user }) => {
    const q = req.nextUrl.searchParams;
    const back = new URL('/availability', appUrl());
    try {
      await finishConnect(db, user, 'calendly', {
        code: q.get('code'),
        state: q.get('state'),
        error: q.get('error'),
        cookieState: req.cookies.get(STATE_COOKIE)?.value,
        redirectUri: calendlyRedirectUri(appUrl()),
      });
      back.searchParams.set('calendar', 'connected');
    } catch (e) {
      if (!isAppError(e)) throw e;
      back.searchParams.set('calendar_error', e.message);
    }
    back.hash = 'calendars';
    const res = NextResponse.redirect(back, 303);
    res.cookies.delete({ name: STATE_COOKIE, path: '/api/calendar/calendly' });
    return res;
  },
  { roles: ['expert'] },
);
