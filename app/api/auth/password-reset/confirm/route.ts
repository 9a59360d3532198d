import { NextResponse } from 'next/server';
import { resetPassword } from '@/lib/auth/password-reset';
import { readJson, route } from '@/lib/http/route';

// POST /api/auth/password-reset/confirm – set a new password from a reset link
export const POST = route(async ({ req, db }) => {
  await resetPassword(db, await readJson(req));
  return NextResponse.json({ ok: true, redirectTo: '/sign-in?reset=1' });
});
