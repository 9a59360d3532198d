import { NextResponse } from 'next/server';
import { appUrl } from '@/lib/booking/participants';
import { calendlyRedirectUri } from '@/lib/calendar/calendly/config';
import { STATE_COOKIE, STATE_MAX_AGE_SECONDS, startConnect } from '@/lib/calendar/manage';
import { env } from '@/lib/config';
import { route } from '@/lib/http/route';

// GET /api/calendar/calendly/start – sends the expert to Calendly's sign-in and consent page; the state travels in an
// httpOnly cookie too, and the callback compares the two
export const GET = route(
  async ({ user }) => {
    const { url, state } = startConnect(user, 'calendly', calendlyRedirectUri(appUrl()));
    const res = NextResponse.redirect(url, 303);
    res.cookies.set(STATE_COOKIE, state, {
      httpOnly: true,
      secure: env().COOKIE_SECURE ?? env().NODE_ENV === 'production',
      sameSite: 'lax',
      path: '/api/calendar/calendly',
      maxAge: STATE_MAX_AGE_SECONDS,
    });
    return res;
  },
  { roles: ['expert'] },
);
