import { NextResponse } from 'next/server';
import { setSessionCookie } from '@/lib/auth/session-cookie';
import { homeFor } from '@/lib/auth/schemas';
import { createSession } from '@/lib/auth/sessions';
import { signUp } from '@/lib/auth/sign-up';
import { env } from '@/lib/config';
import { readJson, route } from '@/lib/http/route';

// POST /api/auth/sign-up – create a learner or expert account and sign it in
export const POST = route(async ({ req, db, ip }) => {
  const user = await signUp(db, await readJson(req), { ip });
  const session = await createSession(db, user.id, env().SESSION_TTL_DAYS, { ip, userAgent: req.headers.get('user-agent') });
  await setSessionCookie(session);
  return NextResponse.json({ user, redirectTo: homeFor(user.role) }, { status: 201 });
});
