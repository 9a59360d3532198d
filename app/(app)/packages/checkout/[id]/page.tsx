import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { SimulatedCheckout } from '@/components/packages/simulated-checkout';
import { PriceBreakdown } from '@/components/payments/price-breakdown';
import { Alert } from '@/components/ui/alert';
import { Container } from '@/components/ui/container';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';
import { getDb } from '@/lib/db';
import { paymentsProvider } from '@/lib/payments/get-provider';
import { formatMoney } from '@/lib/money/format-money';
import { perSessionSaving } from '@/lib/packages/pricing';
import { getPurchase } from '@/lib/packages/views';

export const metadata: Metadata = { title: 'Pay for your package' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A package's checkout: what is bought, what it costs with the commission in it, and one button — Stripe Checkout
 * when a key is set, the simulated test-mode payment otherwise.
 */
export default async function PackageCheckoutPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const sp = await searchParams;
  const user = await requireRole(['learner'], `/packages/checkout/${id}`);
  if (!UUID.test(id)) notFound();
  const p = await getPurchase(await getDb(), user, id);
  if (!p) notFound();
  const profile = `/experts/${p.expert.slug}`;
  const each = perSessionSaving(0, p.sessionCount, p.priceMinor).perSessionInPackageMinor;
  const stripe = paymentsProvider().mode === 'stripe';
  const price = formatMoney(p.priceMinor, p.currency);
  return (
    <Container>
      <p className="mb-6 text-sm">
        <Link href={profile} className="link">
          ← {p.expert.name}
        </Link>
      </p>
      <PageHeader title="Pay for your package" description={`${p.title} with ${p.expert.name}`} />
      <div className="mx-auto max-w-lg space-y-4">
        {stripe ? null : (
          <Alert tone="warning" title="Test mode — simulated payment">
            No Stripe key is set, so this page stands in for Stripe Checkout. No card is asked for or charged; paying here walks the same
            steps a real payment would.
          </Alert>
        )}
        {p.status === 'pending' && sp.returned === '1' ? (
          <Alert tone="info" title="Payment received by Stripe">
            Your sessions appear as soon as Stripe confirms the payment, usually within seconds. Reload this page to check.
          </Alert>
        ) : null}
        {p.status === 'pending' && sp.cancelled === '1' ? <Alert tone="info">You left Stripe Checkout without paying.</Alert> : null}
        {p.status === 'abandoned' ? (
          <Alert tone="warning">
            This checkout ended without a payment.{' '}
            <Link href={profile} className="link">
              Start again from {p.expert.name}&apos;s profile
            </Link>
          </Alert>
        ) : null}
        <section className="card space-y-3 p-5" aria-labelledby="summary">
          <h2 id="summary" className="text-lg font-semibold">
            Summary
          </h2>
          <dl className="grid grid-cols-2 gap-y-2 text-sm">
            <dt className="text-slate-600 dark:text-slate-400">Sessions</dt>
            <dd>
              {p.sessionCount} × {p.lengthMinutes} min
            </dd>
            <dt className="text-slate-600 dark:text-slate-400">Per session</dt>
            <dd>about {formatMoney(each, p.currency)}</dd>
          </dl>
          <PriceBreakdown
            amountMinor={p.priceMinor}
            commissionMinor={p.commissionMinor}
            expertMinor={p.priceMinor - p.commissionMinor}
            currency={p.currency}
            expertName={p.expert.name}
            expertLabel={`${p.expert.name} receives, session by session`}
            totalTestId="checkout-total"
          />
          <p className="text-xs text-slate-600 dark:text-slate-400">
            Book the sessions whenever you like from {p.expert.name}&apos;s profile. Unused sessions are refundable pro rata until the
            refund window closes. The expert is paid per session, after each one.
          </p>
          {p.status === 'pending' ? (
            <SimulatedCheckout
              purchaseId={p.id}
              label={stripe ? `Continue to pay ${price} with Stripe` : `Pay ${price} (test mode)`}
              next={profile}
            />
          ) : p.status === 'abandoned' ? null : (
            <Alert tone="success">
              This package is paid.{' '}
              <Link href={profile} className="link">
                Book a session
              </Link>
            </Alert>
          )}
        </section>
      </div>
    </Container>
  );
}
