import 'server-only';
import { z } from 'zod';
import type { TSessionUser } from '@/lib/auth/schemas';
import { requireRole } from '@/lib/auth/permissions';
import type { TDb, TQueryable } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { applyStripeAccount, enqueueDueTransfers, loadPayoutAccount, paypalOfferedFor, stripeAvailableIn } from './payout-account';
import { connectStripe, stripeConfigured } from './stripe-client';

// Stripe Connect Express onboarding from the expert dashboard: one Express account per expert (created with an
// idempotency key derived from the expert, so a double click or a retry is the same account), an Account Link
// whose refresh URL makes a new link and whose return URL re-reads the account, and a login link to the
// Express dashboard. The PayPal rail is chosen here too, where Stripe Connect is not available.

export const ZCountry = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'Pick your country.');
export const ZStartOnboarding = z.object({ country: ZCountry });
export const ZChoosePaypal = z.object({
  email: z.string().trim().toLowerCase().email('Enter the email address of your PayPal account.').max(254),
  country: ZCountry.optional(),
});

export const ONBOARDING_REFRESH_PATH = '/api/expert/payouts/stripe/refresh';
export const ONBOARDING_RETURN_PATH = '/api/expert/payouts/stripe/return';

type TOwnExpert = { id: string; status: string; email: string };

export async function ownExpert(db: TQueryable, user: TSessionUser): Promise<TOwnExpert> {
  requireRole(user, ['expert'], 'Only experts set up payouts.');
  const { rows } = await db.query<TOwnExpert>(
    `select e.id, e.status, u.email from public.expert_profiles e join public.users u on u.id = e.user_id where e.user_id = $1`,
    [user.id],
  );
  if (!rows[0]) throw new AppError('not_found', 'Create your expert profile first.');
  return rows[0];
}

function requireStripe(): void {
  if (!stripeConfigured()) throw new AppError('conflict', 'Payouts run in test mode (no Stripe key is set): there is nothing to set up.');
}

/** Creates (once) the expert's Express account and returns a fresh onboarding link. */
export async function startStripeOnboarding(db: TDb, user: TSessionUser, input: unknown, baseUrl: string): Promise<{ url: string }> {
  requireStripe();
  const { country } = ZStartOnboarding.parse(input);
  const expert = await ownExpert(db, user);
  if (!stripeAvailableIn(country)) {
    throw new AppError('invalid_input', 'Stripe Connect is not available in that country: use PayPal instead.', {
      country: paypalOfferedFor(country) ? 'Stripe does not pay out there: choose PayPal.' : 'Stripe does not pay out there.',
    });
  }
  let acct = await loadPayoutAccount(db, expert.id);
  if (acct?.stripe_account_id && acct.country && acct.country !== country) {
    throw new AppError('conflict', `Your Stripe account is set up for ${acct.country}; its country cannot change.`);
  }
  if (!acct?.stripe_account_id) {
    const stripe = connectStripe();
    const account = await stripe.accounts.create(
      {
        type: 'express',
        country,
        email: expert.email,
        capabilities: { transfers: { requested: true } },
        business_type: 'individual',
        metadata: { expert_id: expert.id },
      },
      // One account per expert and country: a retry or a second click returns the same account.
      { idempotencyKey: `pathwise-connect-account-${expert.id}-${country}` },
    );
    await db.query(
      `insert into public.payout_accounts (expert_id, rail, stripe_account_id, country, requirements)
       values ($1, 'stripe', $2, $3, $4::jsonb)
       on conflict (expert_id) do update set rail = 'stripe', stripe_account_id = coalesce(payout_accounts.stripe_account_id, excluded.stripe_account_id),
              country = excluded.country, updated_at = now()`,
      [expert.id, account.id, country, JSON.stringify(account.requirements?.currently_due ?? [])],
    );
    await db.transaction((tx) => applyStripeAccount(tx, account));
    acct = await loadPayoutAccount(db, expert.id);
  } else if (acct.rail !== 'stripe') {
    await db.query(`update public.payout_accounts set rail = 'stripe', updated_at = now() where expert_id = $1`, [expert.id]);
  }
  return { url: await accountLink(acct!.stripe_account_id!, baseUrl) };
}

async function accountLink(accountId: string, baseUrl: string): Promise<string> {
  const link = await connectStripe().accountLinks.create({
    account: accountId,
    refresh_url: new URL(ONBOARDING_REFRESH_PATH, baseUrl).toString(),
    return_url: new URL(ONBOARDING_RETURN_PATH, baseUrl).toString(),
    type: 'account_onboarding',
    collection_options: { fields: 'currently_due' },
  });
  return link.url;
}

async function ownStripeAccount(db: TDb, user: TSessionUser): Promise<{ expertId: string; accountId: string }> {
  requireStripe();
  const expert = await ownExpert(db, user);
  const acct = await loadPayoutAccount(db, expert.id);
  if (!acct?.stripe_account_id) throw new AppError('not_found', 'Start your Stripe setup from the dashboard first.');
  return { expertId: expert.id, accountId: acct.stripe_account_id };
}

/** The refresh URL: the link expired or was used; make a new one. */
export async function refreshOnboardingLink(db: TDb, user: TSessionUser, baseUrl: string): Promise<string> {
  const { accountId } = await ownStripeAccount(db, user);
  return accountLink(accountId, baseUrl);
}

/** The return URL: the expert left onboarding (finished or not); re-read the account now rather than wait for the webhook. */
export async function refreshStripeAccount(db: TDb, user: TSessionUser): Promise<void> {
  const { accountId } = await ownStripeAccount(db, user);
  const account = await connectStripe().accounts.retrieve(accountId);
  await db.transaction((tx) => applyStripeAccount(tx, account));
}

/** A single-use link into the expert's Stripe Express dashboard. */
export async function expressDashboardLink(db: TDb, user: TSessionUser): Promise<string> {
  const { accountId } = await ownStripeAccount(db, user);
  const link = await connectStripe().accounts.createLoginLink(accountId);
  return link.url;
}

/** The PayPal rail: only where Stripe Connect is not available for this expert. */
export async function choosePaypal(db: TDb, user: TSessionUser, input: unknown): Promise<void> {
  const data = ZChoosePaypal.parse(input);
  const expert = await ownExpert(db, user);
  const acct = await loadPayoutAccount(db, expert.id);
  const country = data.country ?? acct?.country ?? null;
  if (!paypalOfferedFor(country)) {
    throw new AppError('conflict', 'PayPal payouts are only for experts Stripe Connect cannot pay; set up Stripe instead.');
  }
  if (acct?.payouts_enabled && acct.rail === 'stripe') {
    throw new AppError('conflict', 'Your Stripe payouts are already enabled.');
  }
  await db.transaction(async (tx) => {
    await tx.query(
      `insert into public.payout_accounts (expert_id, rail, paypal_email, country) values ($1, 'paypal', $2, $3)
       on conflict (expert_id) do update set rail = 'paypal', paypal_email = excluded.paypal_email,
              country = coalesce(excluded.country, payout_accounts.country), updated_at = now()`,
      [expert.id, data.email, country],
    );
    // Payments that waited for a way to pay this expert go out now, by PayPal.
    await enqueueDueTransfers(tx, expert.id);
  });
}
