import { NextResponse } from 'next/server';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { getPolicy } from '@/lib/policy/get-policy';
import { updatePolicy } from '@/lib/policy/update-policy';

// GET /api/admin/policy – the marketplace policy
export const GET = route(async ({ db }: TAuthedContext<Record<string, string>>) => NextResponse.json({ policy: await getPolicy(db) }), {
  roles: ['admin'],
});

// PUT /api/admin/policy – save the marketplace policy (ZPolicy)
export const PUT = route(
  async ({ req, db, user }: TAuthedContext<Record<string, string>>) =>
    NextResponse.json({ policy: await updatePolicy(db, user, await readJson(req)) }),
  { roles: ['admin'] },
);
