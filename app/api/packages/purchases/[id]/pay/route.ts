import { NextResponse } from 'next/server';
import { route, type TAuthedContext } from '@/lib/http/route';
import { payPurchase } from '@/lib/packages/purchase';
import { getPurchase } from '@/lib/packages/views';

// POST /api/packages/purchases/:id/pay – pays the package → { purchase, checkoutUrl }: with Stripe, checkoutUrl is
// the Checkout Session to go to (the webhook grants the credits); in test mode it is null and the purchase is paid
export const POST = route(
  async ({ db, user, params }: TAuthedContext<{ id: string }>) => {
    const { checkoutUrl } = await payPurchase(db, user, params.id);
    return NextResponse.json({ purchase: await getPurchase(db, user, params.id), checkoutUrl });
  },
  { roles: ['learner'] },
);
