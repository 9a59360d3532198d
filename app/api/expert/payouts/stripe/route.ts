import { NextResponse } from 'next/server';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { appBaseUrl } from '@/lib/payments/connect/base-url';
import { startStripeOnboarding } from '@/lib/payments/connect/onboarding';

// POST /api/expert/payouts/stripe – create (once) the expert's Stripe Express account; answers { url } of a fresh onboarding link
export const POST = route(
  async ({ req, db, user }: TAuthedContext<object>) =>
    NextResponse.json(await startStripeOnboarding(db, user, await readJson(req), appBaseUrl(req))),
  { roles: ['expert'] },
);
