import { route, type TAuthedContext } from '@/lib/http/route';
import { ownExpert } from '@/lib/payments/connect/onboarding';
import { earningsCsv, loadOwnEarnings } from '@/lib/payments/earnings';

// GET /api/expert/earnings.csv – the signed-in expert's earnings per session (from the ledger), as CSV
export const GET = route(
  async ({ db, user }: TAuthedContext<object>) => {
    const expert = await ownExpert(db, user);
    const csv = earningsCsv(await loadOwnEarnings(db, user, expert.id));
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="pathwise-earnings-${new Date().toISOString().slice(0, 10)}.csv"`,
        'cache-control': 'private, no-store',
      },
    });
  },
  { roles: ['expert'] },
);
