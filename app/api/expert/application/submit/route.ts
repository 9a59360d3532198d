import { NextResponse } from 'next/server';
import { submitApplication } from '@/lib/experts/submit-application';
import { route, type TAuthedContext } from '@/lib/http/route';

// POST /api/expert/application/submit – send the complete application to the review team
export const POST = route(
  async ({ db, user }: TAuthedContext<object>) => NextResponse.json({ application: await submitApplication(db, user) }),
  { roles: ['expert'] },
);
