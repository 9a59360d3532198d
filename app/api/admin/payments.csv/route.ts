import { route, type TAuthedContext } from '@/lib/http/route';
import { adminPaymentsCsv } from '@/lib/payments/reports';

// GET /api/admin/payments.csv – every payment with its commission, refunds, transfer and dispute state, as CSV (admins)
export const GET = route(
  async ({ db, user }: TAuthedContext<object>) => {
    const csv = await adminPaymentsCsv(db, user);
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="pathwise-payments-${new Date().toISOString().slice(0, 10)}.csv"`,
        'cache-control': 'private, no-store',
      },
    });
  },
  { roles: ['admin'] },
);
