import 'server-only';
import type Stripe from 'stripe';
import { env, resolveProviders } from '@/lib/config';
import type { TPrivilegedTx, TQueryable } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { enqueueJob } from '@/lib/jobs';
import { JOB_TRANSFER } from '../job-names';
import { connectCountries, describeRequirements } from './requirements';
import { stripeConfigured } from './stripe-client';

// The expert's payout account (table payout_accounts): which rail pays them and, for Stripe Connect, the
// account's state as Stripe last reported it (account.updated, or a re-read on return from onboarding).

export type TPayoutAccountRow = {
  expert_id: string;
  rail: 'stripe' | 'paypal';
  stripe_account_id: string | null;
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  requirements: string[];
  disabled_reason: string | null;
  paypal_email: string | null;
  country: string | null;
};

/** What the dashboard's Payouts card shows. */
export type TPayoutCard =
  | { mode: 'simulated' }
  | {
      mode: 'live';
      state: 'not_started' | 'needs_info' | 'enabled' | 'paypal';
      /** Human-readable: what Stripe still needs (requirements.currently_due). */
      needs: string[];
      disabledReason: string | null;
      country: string | null;
      paypalEmail: string | null;
      /** PayPal may be chosen: the rail is configured and Stripe Connect is not available for this expert. */
      paypalOffered: boolean;
      paypalEnabled: boolean;
      /** Where Stripe Connect onboards; empty when Stripe is not configured (PayPal only). */
      stripeCountries: string[];
    };

export async function loadPayoutAccount(db: TQueryable, expertId: string): Promise<TPayoutAccountRow | null> {
  const { rows } = await db.query<TPayoutAccountRow>(
    `select expert_id, rail, stripe_account_id, charges_enabled, payouts_enabled, details_submitted, requirements, disabled_reason,
            paypal_email, country
       from public.payout_accounts where expert_id = $1`,
    [expertId],
  );
  return rows[0] ?? null;
}

export function paypalEnabled(): boolean {
  return resolveProviders(env()).paypal === 'paypal';
}

/** Stripe Connect onboards this country (or the country is not known yet). */
export function stripeAvailableIn(country: string | null): boolean {
  return !country || connectCountries(env().STRIPE_CONNECT_COUNTRIES).includes(country);
}

/** PayPal is offered where Stripe Connect is not: Stripe not configured, or the expert's country not supported. */
export function paypalOfferedFor(country: string | null): boolean {
  return paypalEnabled() && (!stripeConfigured() || (!!country && !stripeAvailableIn(country)));
}

/** Whether learners can book this expert as far as payouts go. */
export function payoutsReady(acct: TPayoutAccountRow | null): boolean {
  if (!stripeConfigured()) return true; // simulated payouts: every approved expert is bookable
  if (!acct) return false;
  if (acct.rail === 'paypal') return paypalEnabled() && !!acct.paypal_email;
  return acct.payouts_enabled;
}

export async function isExpertBookable(db: TQueryable, expertId: string): Promise<boolean> {
  if (!stripeConfigured()) return true;
  return payoutsReady(await loadPayoutAccount(db, expertId));
}

export const NOT_BOOKABLE_MESSAGE = 'This expert is not bookable yet: their payout account is still being set up.';

/** Throws a 409 with a clear message when the expert cannot be paid yet (createHold calls it). */
export async function assertExpertBookable(db: TQueryable, expertId: string): Promise<void> {
  if (!(await isExpertBookable(db, expertId))) throw new AppError('conflict', NOT_BOOKABLE_MESSAGE);
}

export function payoutCard(acct: TPayoutAccountRow | null): TPayoutCard {
  if (!stripeConfigured() && !paypalEnabled()) return { mode: 'simulated' };
  const country = acct?.country ?? null;
  const base = {
    mode: 'live' as const,
    needs: [] as string[],
    disabledReason: acct?.disabled_reason ?? null,
    country,
    paypalEmail: acct?.paypal_email ?? null,
    paypalOffered: paypalOfferedFor(country),
    paypalEnabled: paypalEnabled(),
    stripeCountries: stripeConfigured() ? connectCountries(env().STRIPE_CONNECT_COUNTRIES) : [],
  };
  if (acct?.rail === 'paypal' && acct.paypal_email) return { ...base, state: 'paypal' };
  if (!acct?.stripe_account_id) return { ...base, state: 'not_started' };
  if (acct.payouts_enabled) return { ...base, state: 'enabled' };
  const needs = describeRequirements(acct.requirements);
  return { ...base, state: 'needs_info', needs: needs.length ? needs : ['Stripe is reviewing your details'] };
}

/**
 * Mirrors a Connect account into payout_accounts (account.updated, or a re-read). Unknown accounts are ignored.
 * When payouts become enabled, the transfers that waited for the account are queued (the core's transfer job).
 */
export async function applyStripeAccount(tx: TPrivilegedTx, account: Stripe.Account): Promise<boolean> {
  const { rows: before } = await tx.query<{ expert_id: string; payouts_enabled: boolean }>(
    'select expert_id, payouts_enabled from public.payout_accounts where stripe_account_id = $1 for update',
    [account.id],
  );
  if (!before[0]) return false;
  const { rows } = await tx.query(
    `update public.payout_accounts
          set charges_enabled = $2, payouts_enabled = $3, details_submitted = $4, requirements = $5::jsonb,
              disabled_reason = $6, country = coalesce($7, country), updated_at = now()
        where stripe_account_id = $1 returning expert_id`,
    [
      account.id,
      !!account.charges_enabled,
      !!account.payouts_enabled,
      !!account.details_submitted,
      JSON.stringify(account.requirements?.currently_due ?? []),
      account.requirements?.disabled_reason ?? null,
      account.country ? account.country.toUpperCase() : null,
    ],
  );
  if (!before[0].payouts_enabled && account.payouts_enabled) await enqueueDueTransfers(tx, before[0].expert_id);
  return rows.length > 0;
}

/** Queues the core's transfer job for each of the expert's payments whose transfer waited for a payout account. */
export async function enqueueDueTransfers(tx: TQueryable, expertId: string): Promise<number> {
  const { rows } = await tx.query<{ id: string }>("select id from public.payments where expert_id = $1 and transfer_status = 'due'", [
    expertId,
  ]);
  for (const r of rows) await enqueueJob(tx, JOB_TRANSFER, { paymentId: r.id }, { singletonKey: `transfer:${r.id}:due` });
  return rows.length;
}
