import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import type { TPayoutCard } from '@/lib/payments/connect/payout-account';
import { PayoutsActions } from './payouts-actions';

const RETURN_MESSAGES: Record<string, string> = {
  returned: 'Welcome back from Stripe. The state below is what Stripe reports now.',
  not_found: 'Start your Stripe setup below first.',
  unavailable: 'Stripe could not be reached. Try again in a minute.',
  conflict: 'Payouts run in test mode: there is nothing to set up.',
};

/** The expert dashboard's Payouts card: simulated, or Stripe Connect / PayPal with what is still needed. */
export function PayoutsCard({ card, returned }: { card: TPayoutCard; returned?: string | null }) {
  return (
    <section id="payouts" className="card scroll-mt-24 p-5 sm:p-6" aria-labelledby="payouts-title" data-testid="payouts-card">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="payouts-title" className="text-lg font-semibold">
          Payouts
        </h2>
        {card.mode === 'simulated' ? (
          <Badge tone="warning">Test mode</Badge>
        ) : card.state === 'enabled' ? (
          <Badge tone="success">Payouts enabled</Badge>
        ) : card.state === 'paypal' ? (
          <Badge tone="success">PayPal</Badge>
        ) : card.state === 'needs_info' ? (
          <Badge tone="warning">Stripe needs more</Badge>
        ) : (
          <Badge>Not started</Badge>
        )}
      </div>
      {returned && RETURN_MESSAGES[returned] ? (
        <p role="status" className="mt-2 text-sm text-slate-700 dark:text-slate-300">
          {RETURN_MESSAGES[returned]}
        </p>
      ) : null}
      {card.mode === 'simulated' ? (
        <div className="mt-3 space-y-2 text-sm">
          <p>
            <strong>Simulated payout account.</strong> No Stripe key is set, so payments and payouts are simulated: learners can book you,
            and your earnings are recorded in the ledger as if they were paid out. No real money moves.
          </p>
          <p>
            <Link href="/earnings" className="link">
              See your earnings
            </Link>
          </p>
        </div>
      ) : card.state === 'enabled' ? (
        <div className="mt-3 space-y-2 text-sm">
          <p>Stripe pays your share of each session to your bank after the session is completed. Learners can book you.</p>
          <p className="flex flex-wrap gap-4">
            <a href="/api/expert/payouts/stripe/dashboard" className="link">
              Open your Stripe Express dashboard
            </a>
            <Link href="/earnings" className="link">
              See your earnings
            </Link>
          </p>
        </div>
      ) : card.state === 'paypal' ? (
        <div className="mt-3 space-y-2 text-sm">
          <p>
            Your earnings are paid to the PayPal account <strong>{card.paypalEmail}</strong> after each completed session. Learners can book
            you.
          </p>
          <PayoutsActions card={card} />
        </div>
      ) : (
        <div className="mt-3 space-y-3 text-sm">
          {card.stripeCountries.length ? (
            <p className="font-medium text-amber-900 dark:text-amber-200">Learners cannot book you until payouts are set up.</p>
          ) : null}
          {card.state === 'needs_info' ? (
            <div>
              <p>Stripe still needs:</p>
              <ul className="mt-1 list-inside list-disc" data-testid="payouts-needs">
                {card.needs.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </div>
          ) : card.stripeCountries.length ? (
            <p>
              Pathwise pays you through Stripe Connect: a short form on Stripe’s site, then your share of each session goes to your bank.
            </p>
          ) : (
            <p>Give the email address of your PayPal account: your share of each completed session is paid there.</p>
          )}
          <PayoutsActions card={card} />
        </div>
      )}
    </section>
  );
}
