import { NextResponse } from 'next/server';
import { z } from 'zod';
import { requireRole } from '@/lib/auth/permissions';
import { env } from '@/lib/config';
import { AppError } from '@/lib/http/app-error';
import { readJson, route, type TRouteContext } from '@/lib/http/route';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { completeWithTestClock } from '@/lib/payments/test-clock';

const ZBody = z.object({ bookingId: z.uuid('Invalid booking id.') });

// POST /api/test-clock/complete – tests only (TEST_CLOCK=1, never with Stripe keys): the admin completes a session as
// if its end had passed ({ bookingId }); the completion and its payout run as in production (lib/payments/test-clock.ts).
// Without TEST_CLOCK it answers 404 to everyone, before the session is looked at, like a route that does not exist.
export const POST = route(async ({ req, db, user }: TRouteContext<object>) => {
  if (!env().TEST_CLOCK) throw new AppError('not_found', 'Not found.');
  requireRole(user, ['admin']);
  const body = parseOrThrow(ZBody, await readJson(req));
  return NextResponse.json(await completeWithTestClock(db, body.bookingId));
});
