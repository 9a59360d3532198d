import { NextResponse } from 'next/server';
import { readJson, route, type TAuthedContext } from '@/lib/http/route';
import { setCommissionRule } from '@/lib/payments/commission-rules';
import { adminCommissionRules } from '@/lib/payments/reports';

// GET /api/admin/commission-rules – the commission per currency (admins)
export const GET = route(
  async ({ db, user }: TAuthedContext<object>) => NextResponse.json({ rules: await adminCommissionRules(db, user) }),
  { roles: ['admin'] },
);

// PUT /api/admin/commission-rules – set one currency's rule ({ currency, percent, fixed }), audited
export const PUT = route(
  async ({ req, db, user }: TAuthedContext<object>) => NextResponse.json({ rule: await setCommissionRule(db, user, await readJson(req)) }),
  { roles: ['admin'] },
);
