import 'server-only';
import type { TQueryable } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { paymentsProvider } from '@/lib/payments/get-provider';

/**
 * A package pays its expert per delivered session (lib/packages/transfer.ts); the PayPal payout job pays whole
 * payments only. So with real payments (Stripe) an expert paid through PayPal cannot sell packages, and nobody can
 * buy one of theirs, rather than leaving their sessions' money owed with no payout (docs/payments.md, "Packages").
 * Test mode settles package sessions itself, whatever the rail.
 */
export async function assertPackagesPayable(tx: TQueryable, expertId: string, asking: 'expert' | 'learner'): Promise<void> {
  if (paymentsProvider().mode !== 'stripe') return;
  const { rows } = await tx.query<{ rail: string }>('select rail from public.payout_accounts where expert_id = $1', [expertId]);
  if (rows[0]?.rail !== 'paypal') return;
  throw new AppError(
    'conflict',
    asking === 'expert'
      ? 'Packages are paid out through Stripe only: you are paid through PayPal, so you can sell single sessions but not packages.'
      : 'This expert cannot sell packages at the moment. Book single sessions instead.',
  );
}
