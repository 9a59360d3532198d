import { NextResponse } from 'next/server';
import { route, type TAuthedContext } from '@/lib/http/route';
import { paySimulatedPurchase } from '@/lib/packages/purchase';
import { getPurchase } from '@/lib/packages/views';

// POST /api/packages/purchases/:id/pay – the simulated (test-mode) checkout pays the package → { purchase }
export const POST = route(
  async ({ db, user, params }: TAuthedContext<{ id: string }>) => {
    await paySimulatedPurchase(db, user, params.id);
    return NextResponse.json({ purchase: await getPurchase(db, user, params.id) });
  },
  { roles: ['learner'] },
);
