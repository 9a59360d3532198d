import { NextResponse } from 'next/server';
import { readJson, route } from '@/lib/http/route';
import { listConsents, recordConsent } from '@/lib/privacy/consents';
import { ANY_ROLE } from '@/lib/auth/permissions';

// GET /api/account/consents – the answer in force for each consent, and the full history
export const GET = route(async ({ db, user }) => NextResponse.json(await listConsents(db, user)), { roles: ANY_ROLE });

// POST /api/account/consents { kind, granted } – append an answer (terms/privacy cannot be withdrawn: 422)
export const POST = route(
  async ({ req, db, user }) => {
    const consent = await recordConsent(db, user, await readJson(req));
    return NextResponse.json({ consent }, { status: 201 });
  },
  { roles: ANY_ROLE },
);
