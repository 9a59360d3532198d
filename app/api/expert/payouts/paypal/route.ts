import { NextResponse } from 'next/server';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { choosePaypal } from '@/lib/payments/connect/onboarding';

// PUT /api/expert/payouts/paypal – choose the PayPal rail ({ email, country? }); only where Stripe Connect is not available
export const PUT = route(
  async ({ req, db, user }: TAuthedContext<object>) => {
    await choosePaypal(db, user, await readJson(req));
    return NextResponse.json({ ok: true });
  },
  { roles: ['expert'] },
);
