'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { icsUrl } from '@/components/booking/api';
import { browserZone, dateTimeLabel } from '@/components/booking/zoned';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClasses } from '@/components/ui/button';
import { formatMoney } from '@/lib/money/format-money';
import type { TPayView } from '@/lib/payments/views';
import { PriceBreakdown } from './price-breakdown';

async function simulate(id: string, outcome: 'pay' | 'decline'): Promise<string | null> {
  try {
    const res = await fetch(`/api/payments/${id}/simulate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ outcome }),
    });
    if (res.ok) return null;
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    return body?.error?.message ?? `The server answered ${res.status}. Try again.`;
  } catch {
    return 'Could not reach Pathwise. Check your connection and try again.';
  }
}

const noSubscription = () => () => undefined;

/** The payment page: test-mode Pay / Decline, or the state of a Stripe Checkout the learner came back from. */
export function PayPanel({ view, returned }: { view: TPayView; returned: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState<'pay' | 'decline' | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The viewer's zone: UTC while rendering on the server, the browser's once hydrated.
  const tz = useSyncExternalStore(noSubscription, browserZone, () => 'UTC');
  const b = view.booking;
  const waiting = view.mode === 'stripe' && view.status === 'open' && returned;

  // Back from Stripe before its webhook arrived: look again every two seconds.
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [waiting, router]);

  async function act(outcome: 'pay' | 'decline') {
    setBusy(outcome);
    setError(null);
    const err = await simulate(view.id, outcome);
    if (err) setError(err);
    router.refresh();
    setBusy(null);
  }

  if (b && view.status === 'paid' && b.status === 'confirmed') {
    return (
      <div className="space-y-3" data-testid="booking-confirmed">
        <p
          role="status"
          className="rounded-xl border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
        >
          <span className="block font-semibold">Booked: {dateTimeLabel(b.start, tz)} your time</span>
          {b.lengthMinutes} min with {b.expertName}. Paid {formatMoney(view.amountMinor, view.currency)}
          {view.mode === 'simulated' ? ' in test mode (simulated, no card was charged).' : ' with Stripe.'}
        </p>
        <a href={icsUrl(b.id)} download={`pathwise-session-${b.id}.ics`} className={buttonClasses('secondary') + ' w-full'}>
          Add to calendar (.ics)
        </a>
        <Link href="/sessions" className={buttonClasses('primary') + ' w-full'}>
          Go to My sessions
        </Link>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      {view.mode === 'simulated' ? (
        <Alert tone="warning" title="Test mode — no card is charged">
          Pathwise has no Stripe key set, so this page stands in for Stripe Checkout. Pay and Decline send the same events Stripe would; no
          money moves and there is no processor fee.
        </Alert>
      ) : null}
      {b ? (
        <p className="text-sm">
          {b.lengthMinutes}-minute session with{' '}
          <Link className="link" href={`/experts/${b.expertSlug}`}>
            {b.expertName}
          </Link>{' '}
          on <span className="font-semibold">{dateTimeLabel(b.start, tz)}</span> (your time).
        </p>
      ) : null}
      <PriceBreakdown
        amountMinor={view.amountMinor}
        commissionMinor={view.commissionMinor}
        expertMinor={view.expertMinor}
        currency={view.currency}
        expertName={b?.expertName ?? 'The expert'}
      />
      {error ? <Alert tone="error">{error}</Alert> : null}
      {view.status === 'open' && view.mode === 'simulated' ? (
        <div className="flex flex-col gap-2 sm:flex-row">
          <Button type="button" className="w-full sm:flex-1" disabled={busy !== null} onClick={() => void act('pay')}>
            {busy === 'pay' ? 'Paying…' : `Pay ${formatMoney(view.amountMinor, view.currency)} (test mode)`}
          </Button>
          <Button
            type="button"
            variant="secondary"
            className="w-full sm:flex-1"
            disabled={busy !== null}
            onClick={() => void act('decline')}
          >
            {busy === 'decline' ? 'Declining…' : 'Decline (simulate a failed card)'}
          </Button>
        </div>
      ) : null}
      {view.status === 'open' && view.mode === 'stripe' && !waiting && view.checkoutUrl ? (
        <a href={view.checkoutUrl} className={buttonClasses('primary') + ' w-full'}>
          Continue to Stripe Checkout
        </a>
      ) : null}
      {waiting ? (
        <p role="status" className="flex items-center gap-2 text-sm">
          <span className="inline-block h-4 w-4 animate-spin rounded-full border-2 border-brand-600 border-t-transparent" aria-hidden />
          Waiting for Stripe to confirm your payment…
        </p>
      ) : null}
      {view.status === 'failed' || view.status === 'expired' ? (
        <Alert tone="error" title={view.status === 'failed' ? 'The payment was declined' : 'The checkout expired'}>
          Nothing was charged and the time was released.{' '}
          {b ? (
            <Link className="link" href={`/experts/${b.expertSlug}`}>
              Pick a time again
            </Link>
          ) : null}
        </Alert>
      ) : null}
      {view.status === 'paid' && b && b.status !== 'confirmed' ? (
        <Alert tone="info" title="Payment received">
          The session is {b.status.replace('_', ' ')}. If the time was taken before your payment arrived, the full amount is refunded
          automatically.
        </Alert>
      ) : null}
      {view.status === 'refunded' || view.status === 'partially_refunded' ? (
        <Alert tone="info" title={view.status === 'refunded' ? 'Refunded' : 'Partly refunded'}>
          {formatMoney(view.refundedMinor, view.currency)} of {formatMoney(view.amountMinor, view.currency)} went back to you.
        </Alert>
      ) : null}
    </div>
  );
}
