import 'server-only';
import { cookies } from 'next/headers';
import { secureCookies } from '@/lib/config';
import type { TNewSession } from './sessions';
import { VIEWER_COOKIE } from './viewer-cookie';

export const SESSION_COOKIE = 'pw_session';

export async function setSessionCookie(session: TNewSession): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, session.token, {
    httpOnly: true,
    secure: secureCookies(),
    sameSite: 'lax',
    path: '/',
    expires: session.expiresAt,
  });
}

export async function readSessionCookie(): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE)?.value;
}

export async function clearSessionCookie(): Promise<void> {
  const jar = await cookies();
  jar.delete(SESSION_COOKIE);
  // The name the kept pages' header showed (lib/auth/viewer-cookie.ts) goes with the session.
  jar.delete(VIEWER_COOKIE);
}
