import { NextResponse } from 'next/server';
import { z } from 'zod';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { refundPayment } from '@/lib/payments/refunds';

const ZBody = z.object({
  amountMinor: z.number({ error: 'Enter an amount.' }).int('Use whole minor units.').positive('Enter an amount above zero.'),
  reason: z.string().trim().min(3, 'Say why (at least 3 characters).').max(500, 'At most 500 characters.'),
  // The dialog's key: a double click or a retried request makes one refund.
  key: z.uuid('Invalid request key.'),
});

// POST /api/admin/payments/:id/refund – refund part or all of a payment ({ amountMinor, reason, key }), written to the audit log
export const POST = route(
  async ({ req, db, user, params }: TAuthedContext<{ id: string }>) => {
    const body = parseOrThrow(ZBody, await readJson(req));
    const out = await refundPayment(db, {
      paymentId: params.id,
      amountMinor: body.amountMinor,
      reason: body.reason,
      key: `admin:${body.key}`,
      actorId: user.id,
    });
    return NextResponse.json(out);
  },
  { roles: ['admin'] },
);
