import { NextResponse } from 'next/server';
import { ANY_ROLE } from '@/lib/auth/permissions';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { removePhone, startPhoneVerification } from '@/lib/notifications/phone';

// POST /api/notifications/phone { phone, country? } – send a verification code to this number (rate-limited)
export const POST = route(
  async ({ req, db, user }: TAuthedContext<Record<string, string>>) => {
    const body = await readJson(req);
    return NextResponse.json(await db.transaction((tx) => startPhoneVerification(tx, user.id, body)));
  },
  { roles: ANY_ROLE },
);

// DELETE /api/notifications/phone – forget the number (no more SMS)
export const DELETE = route(
  async ({ db, user }: TAuthedContext<Record<string, string>>) => NextResponse.json(await db.transaction((tx) => removePhone(tx, user.id))),
  { roles: ANY_ROLE },
);
