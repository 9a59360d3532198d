import 'server-only';
import { NextResponse } from 'next/server';
import { appUrl } from '@/lib/booking/participants';
import { secureCookies } from '@/lib/config';
import { isAppError } from '@/lib/http/app-error';
import { route } from '@/lib/http/route';
import { STATE_COOKIE, STATE_MAX_AGE_SECONDS, finishConnect, startConnect } from './manage';
import type { TCalendarProviderId } from './types';

// The two route handlers of a calendar provider's OAuth round trip, the same for Google, Outlook and Calendly:
// `start` sends the expert to the consent page with the state in an httpOnly cookie scoped to the provider's
// routes, `callback` compares the two (finishConnect in manage.ts), stores the connection and sends the expert
// back to the availability page with the outcome in the address.

export type TOAuthRouteOptions = {
  provider: TCalendarProviderId;
  /** The provider's callback address for this server (`<APP_URL>/api/calendar/<provider>/callback`). */
  redirectUri: (appUrl: string) => string;
};

/** Where the state cookie lives: only the provider's own routes see it. */
function cookiePath(provider: TCalendarProviderId): string {
  return `/api/calendar/${provider}`;
}

/** GET /api/calendar/<provider>/start */
export function oauthStartRoute({ provider, redirectUri }: TOAuthRouteOptions) {
  return route(
    async ({ user }) => {
      const { url, state } = startConnect(user, provider, redirectUri(appUrl()));
      const res = NextResponse.redirect(url, 303);
      res.cookies.set(STATE_COOKIE, state, {
        httpOnly: true,
        secure: secureCookies(),
        sameSite: 'lax',
        path: cookiePath(provider),
        maxAge: STATE_MAX_AGE_SECONDS,
      });
      return res;
    },
    { roles: ['expert'] },
  );
}

/** GET /api/calendar/<provider>/callback?code&state[&error] */
export function oauthCallbackRoute({ provider, redirectUri }: TOAuthRouteOptions) {
  return route(
    async ({ req, db, user }) => {
      const q = req.nextUrl.searchParams;
      const back = new URL('/availability', appUrl());
      try {
        await finishConnect(db, user, provider, {
          code: q.get('code'),
          state: q.get('state'),
          error: q.get('error'),
          cookieState: req.cookies.get(STATE_COOKIE)?.value,
          redirectUri: redirectUri(appUrl()),
        });
        back.searchParams.set('calendar', 'connected');
      } catch (e) {
        if (!isAppError(e)) throw e;
        back.searchParams.set('calendar_error', e.message);
      }
      back.hash = 'calendars';
      const res = NextResponse.redirect(back, 303);
      res.cookies.delete({ name: STATE_COOKIE, path: cookiePath(provider) });
      return res;
    },
    { roles: ['expert'] },
  );
}
