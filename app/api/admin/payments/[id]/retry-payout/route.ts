import { NextResponse } from 'next/server';
import { z } from 'zod';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { retryPaypalPayout } from '@/lib/payments/paypal/retry';

const ZBody = z.object({ reason: z.string().trim().max(500, 'At most 500 characters.').optional() });

// POST /api/admin/payments/:id/retry-payout – send a failed PayPal payout again ({ reason? }), written to the audit
// log; 409 when it is not failed (or a retry is under way already)
export const POST = route(
  async ({ req, db, user, params }: TAuthedContext<{ id: string }>) => {
    const body = parseOrThrow(ZBody, await readJson(req));
    return NextResponse.json(await retryPaypalPayout(db, user, params.id, body.reason || undefined));
  },
  { roles: ['admin'] },
);
