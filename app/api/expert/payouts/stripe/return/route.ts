import { NextResponse } from 'next/server';
import { isAppError } from '@/lib/http/app-error';
import { route, type TAuthedContext } from '@/lib/http/route';
import { appBaseUrl } from '@/lib/payments/connect/base-url';
import { refreshStripeAccount } from '@/lib/payments/connect/onboarding';

// GET /api/expert/payouts/stripe/return – Stripe's return_url: re-read the account (not waiting for account.updated), back to the dashboard
export const GET = route(
  async ({ req, db, user }: TAuthedContext<object>) => {
    let outcome = 'returned';
    try {
      await refreshStripeAccount(db, user);
    } catch (e) {
      if (!isAppError(e)) throw e;
      outcome = e.code;
    }
    return NextResponse.redirect(new URL(`/dashboard?payouts=${outcome}#payouts`, appBaseUrl(req)), 303);
  },
  { roles: ['expert'] },
);
