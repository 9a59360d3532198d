import { NextResponse } from 'next/server';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { listRates, setRate } from '@/lib/rates/rates';

// GET /api/admin/rates – the currency rates table (units per 1 USD), admins only
export const GET = route(async ({ db }: TAuthedContext<object>) => NextResponse.json({ rates: await listRates(db) }), { roles: ['admin'] });

// PUT /api/admin/rates – set or add one currency's rate ({ currency, perUsd }), audited
export const PUT = route(
  async ({ req, db, user }: TAuthedContext<object>) => NextResponse.json({ rate: await setRate(db, user, await readJson(req)) }),
  { roles: ['admin'] },
);
