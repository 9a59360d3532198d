import { NextResponse } from 'next/server';
import { isAppError } from '@/lib/http/app-error';
import { route, type TAuthedContext } from '@/lib/http/route';
import { appBaseUrl } from '@/lib/payments/connect/base-url';
import { expressDashboardLink } from '@/lib/payments/connect/onboarding';

// GET /api/expert/payouts/stripe/dashboard – redirect to a fresh single-use login link of the expert's Stripe Express dashboard
export const GET = route(
  async ({ req, db, user }: TAuthedContext<object>) => {
    try {
      return NextResponse.redirect(await expressDashboardLink(db, user), 303);
    } catch (e) {
      if (!isAppError(e)) throw e;
      return NextResponse.redirect(new URL(`/dashboard?payouts=${e.code}#payouts`, appBaseUrl(req)), 303);
    }
  },
  { roles: ['expert'] },
);
