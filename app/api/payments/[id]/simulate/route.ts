import { NextResponse } from 'next/server';
import { z } from 'zod';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { simulateCheckout } from '@/lib/payments/simulated';

const ZBody = z.object({ outcome: z.enum(['pay', 'decline']) });

// POST /api/payments/:id/simulate – the test-mode page's Pay / Decline ({ outcome }); the learner's own payment only
export const POST = route(
  async ({ req, db, user, params }: TAuthedContext<{ id: string }>) => {
    const { outcome } = parseOrThrow(ZBody, await readJson(req));
    const p = await simulateCheckout(db, user, params.id, outcome);
    return NextResponse.json({ payment: { id: p.id, status: p.status, bookingId: p.booking_id } });
  },
  { roles: ['learner'] },
);
