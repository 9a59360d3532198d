import { NextResponse } from 'next/server';
import { clearSessionCookie, readSessionCookie } from '@/lib/auth/session-cookie';
import { revokeSession } from '@/lib/auth/sessions';
import { route } from '@/lib/http/route';

// POST /api/auth/sign-out – end this session; a plain form post is redirected home
export const POST = route(async ({ req, db }) => {
  const token = await readSessionCookie();
  if (token) await revokeSession(db, token);
  await clearSessionCookie();
  if (req.headers.get('accept')?.includes('application/json')) return NextResponse.json({ ok: true });
  return NextResponse.redirect(new URL('/', req.url), 303);
});
