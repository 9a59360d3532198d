import { NextResponse } from 'next/server';
import { ANY_ROLE } from '@/lib/auth/permissions';
import { feedStatus, revokeFeedTokens, rotateFeedToken } from '@/lib/calendar/ics-feed';
import { route } from '@/lib/http/route';

// The signed-in user's private ICS feed: GET its state, POST a new URL (the old one stops working; the URL is
// in this answer only: just its hash is stored), DELETE to revoke it.
export const GET = route(async ({ db, user }) => NextResponse.json(await feedStatus(db, user.id)), { roles: ANY_ROLE });
export const POST = route(async ({ db, user }) => NextResponse.json(await rotateFeedToken(db, user.id), { status: 201 }), {
  roles: ANY_ROLE,
});
export const DELETE = route(async ({ db, user }) => NextResponse.json(await revokeFeedTokens(db, user.id)), { roles: ANY_ROLE });
