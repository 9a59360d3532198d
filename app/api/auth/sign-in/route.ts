import { NextResponse } from 'next/server';
import { setSessionCookie } from '@/lib/auth/session-cookie';
import { homeFor } from '@/lib/auth/schemas';
import { signIn } from '@/lib/auth/sign-in';
import { env } from '@/lib/config';
import { readJson, route } from '@/lib/http/route';

// POST /api/auth/sign-in – check the password (rate limited) and set the session cookie
export const POST = route(async ({ req, db, ip }) => {
  const { user, session } = await signIn(db, await readJson(req), {
    ttlDays: env().SESSION_TTL_DAYS,
    meta: { ip, userAgent: req.headers.get('user-agent') },
  });
  await setSessionCookie(session);
  return NextResponse.json({ user, redirectTo: homeFor(user.role) });
});
