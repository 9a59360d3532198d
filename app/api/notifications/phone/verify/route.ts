import { NextResponse } from 'next/server';
import { ANY_ROLE } from '@/lib/auth/permissions';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { checkPhoneVerification } from '@/lib/notifications/phone';

// POST /api/notifications/phone/verify { code } – check the code sent by SMS; the number is then verified (SMS still off until opted in)
export const POST = route(
  async ({ req, db, user }: TAuthedContext<Record<string, string>>) =>
    NextResponse.json(await checkPhoneVerification(db, user.id, await readJson(req))),
  { roles: ANY_ROLE },
);
