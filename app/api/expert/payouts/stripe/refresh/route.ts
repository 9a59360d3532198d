import { NextResponse } from 'next/server';
import { isAppError } from '@/lib/http/app-error';
import { route, type TAuthedContext } from '@/lib/http/route';
import { appBaseUrl } from '@/lib/payments/connect/base-url';
import { refreshOnboardingLink } from '@/lib/payments/connect/onboarding';

// GET /api/expert/payouts/stripe/refresh – Stripe's refresh_url: the onboarding link expired or was used; redirect to a new one
export const GET = route(
  async ({ req, db, user }: TAuthedContext<object>) => {
    try {
      return NextResponse.redirect(await refreshOnboardingLink(db, user, appBaseUrl(req)), 303);
    } catch (e) {
      if (!isAppError(e)) throw e;
      return NextResponse.redirect(new URL(`/dashboard?payouts=${e.code}`, appBaseUrl(req)), 303);
    }
  },
  { roles: ['expert'] },
);
