import { NextResponse } from 'next/server';
import { requestPasswordReset } from '@/lib/auth/password-reset';
import { env } from '@/lib/config';
import { readJson, route } from '@/lib/http/route';

// POST /api/auth/password-reset/request – email a reset link (same answer whether or not the account exists)
export const POST = route(async ({ req, db }) => {
  await requestPasswordReset(db, await readJson(req), env().APP_URL ?? req.nextUrl.origin);
  return NextResponse.json({ ok: true });
});
