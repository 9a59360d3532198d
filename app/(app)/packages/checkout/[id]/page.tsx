import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { SimulatedCheckout } from '@/components/packages/simulated-checkout';
import { Alert } from '@/components/ui/alert';
import { Container } from '@/components/ui/container';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';
import { getDb } from '@/lib/db';
import { formatMoney } from '@/lib/money/format-money';
import { perSessionSaving } from '@/lib/packages/pricing';
import { getPurchase } from '@/lib/packages/views';

export const metadata: Metadata = { title: 'Pay for your package' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The simulated (test-mode) checkout for a package: what is bought, what it costs, and one Pay button. */
export default async function PackageCheckoutPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireRole(['learner'], `/packages/checkout/${id}`);
  if (!UUID.test(id)) notFound();
  const p = await getPurchase(await getDb(), user, id);
  if (!p) notFound();
  const profile = `/experts/${p.expert.slug}`;
  const each = perSessionSaving(0, p.sessionCount, p.priceMinor).perSessionInPackageMinor;
  return (
    <Container>
      <p className="mb-6 text-sm">
        <Link href={profile} className="link">
          ← {p.expert.name}
        </Link>
      </p>
      <PageHeader title="Pay for your package" description={`${p.title} with ${p.expert.name}`} />
      <div className="mx-auto max-w-lg space-y-4">
        <Alert tone="warning" title="Test mode — simulated payment">
          No Stripe key is set, so this page stands in for Stripe Checkout. No card is asked for or charged; paying here walks the same
          steps a real payment would.
        </Alert>
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
            <dt className="text-slate-600 dark:text-slate-400">Total</dt>
            <dd className="text-base font-semibold" data-testid="checkout-total">
              {formatMoney(p.priceMinor, p.currency)}
            </dd>
          </dl>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            Book the sessions whenever you like from {p.expert.name}&apos;s profile. Unused sessions are refundable pro rata until the
            refund window closes. The expert is paid per session, after each one.
          </p>
          {p.status === 'pending' ? (
            <SimulatedCheckout purchaseId={p.id} label={`Pay ${formatMoney(p.priceMinor, p.currency)} (test mode)`} next={profile} />
          ) : (
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
