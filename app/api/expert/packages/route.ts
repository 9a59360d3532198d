import { NextResponse } from 'next/server';
import { readJson, route } from '@/lib/http/route';
import { createPackage, listOwnPackages } from '@/lib/packages/manage';

// GET /api/expert/packages – the expert's session packages (active and retired)
export const GET = route(
  async ({ db, user }) => NextResponse.json({ packages: await listOwnPackages(db, user) }, { headers: { 'cache-control': 'no-store' } }),
  { roles: ['expert'] },
);

// POST /api/expert/packages – a new package; the price is computed from the offering for that length
export const POST = route(
  async ({ db, user, req }) => NextResponse.json({ package: await createPackage(db, user, await readJson(req)) }, { status: 201 }),
  { roles: ['expert'] },
);
