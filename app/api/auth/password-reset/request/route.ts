import { after, NextResponse } from 'next/server';
import { requestPasswordReset } from '@/lib/auth/password-reset';
import { env } from '@/lib/config';
import { readJson, route } from '@/lib/http/route';

// POST /api/auth/password-reset/request – email a reset link (same answer, same time, whether or not the account exists)
export const POST = route(async ({ req, db, ip }) => {
  await requestPasswordReset(db, await readJson(req), { appUrl: env().APP_URL ?? req.nextUrl.origin, ip, defer: after });
  return NextResponse.json({ ok: true });
});
