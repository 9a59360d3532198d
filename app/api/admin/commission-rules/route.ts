import { NextResponse } from 'next/server';
import { withUser } from '@/lib/db';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { listCommissionRules, setCommissionRule } from '@/lib/payments/commission-rules';

// GET /api/admin/commission-rules – the commission per currency (admins)
export const GET = route(
  async ({ db, user }: TAuthedContext<object>) => NextResponse.json({ rules: await withUser(db, user, (tx) => listCommissionRules(tx)) }),
  { roles: ['admin'] },
);

// PUT /api/admin/commission-rules – set one currency's rule ({ currency, percent, fixed }), audited
export const PUT = route(
  async ({ req, db, user }: TAuthedContext<object>) => NextResponse.json({ rule: await setCommissionRule(db, user, await readJson(req)) }),
  { roles: ['admin'] },
);
