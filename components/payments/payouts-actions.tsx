'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { describeError, send } from '@/components/experts/send-json';
import { Button } from '@/components/ui/button';
import type { TPayoutCard } from '@/lib/payments/connect/payout-account';

const input =
  'block w-full rounded-xl border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-950 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500';

const regionName = (code: string) => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
};

/** Start or continue Stripe onboarding (country, then off to Stripe), or give a PayPal email where Stripe cannot pay. */
export function PayoutsActions({ card }: { card: Extract<TPayoutCard, { mode: 'live' }> }) {
  const router = useRouter();
  const [country, setCountry] = useState(card.country ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const stripeHere = !country || card.stripeCountries.includes(country);
  const countries = [...card.stripeCountries].sort((a, b) => regionName(a).localeCompare(regionName(b)));

  async function toStripe(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = await send<{ url: string }>('POST', '/api/expert/payouts/stripe', { country });
    if (!res.ok) {
      setBusy(false);
      return setError(describeError(res.error));
    }
    window.location.assign(res.data.url);
  }
  async function toPaypal(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    const email = String(new FormData(e.currentTarget).get('email') ?? '');
    const res = await send('PUT', '/api/expert/payouts/paypal', { email, country: country || undefined });
    setBusy(false);
    if (!res.ok) return setError(describeError(res.error));
    setSaved(true);
    router.refresh();
  }

  const stripeOn = card.stripeCountries.length > 0;
  const showPaypal = card.paypalEnabled && (card.paypalOffered || card.state === 'paypal' || !stripeOn || !stripeHere);
  return (
    <div className="space-y-4">
      {stripeOn && card.state !== 'paypal' ? (
        <form onSubmit={toStripe} className="flex flex-wrap items-end gap-3" aria-label="Set up payouts with Stripe">
          <div className="min-w-48 space-y-1.5">
            <label htmlFor="payout-country" className="block text-sm font-medium">
              Country you are paid in
            </label>
            <select
              id="payout-country"
              className={input}
              value={stripeHere ? country : 'other'}
              disabled={!!card.country && card.state === 'needs_info'}
              onChange={(e) => setCountry(e.target.value === 'other' ? 'ZZ' : e.target.value)}
              required
            >
              <option value="">Choose…</option>
              {countries.map((c) => (
                <option key={c} value={c}>
                  {regionName(c)}
                </option>
              ))}
              <option value="other">Another country (not served by Stripe)</option>
            </select>
          </div>
          {stripeHere ? (
            <Button type="submit" disabled={busy || !country}>
              {busy ? 'Opening Stripe…' : card.state === 'needs_info' ? 'Continue on Stripe' : 'Set up payouts with Stripe'}
            </Button>
          ) : null}
        </form>
      ) : null}
      {showPaypal ? (
        <form onSubmit={toPaypal} className="flex flex-wrap items-end gap-3" aria-label="Get paid with PayPal">
          <div className="min-w-64 flex-1 space-y-1.5">
            <label htmlFor="paypal-email" className="block text-sm font-medium">
              PayPal account email
            </label>
            <input
              id="paypal-email"
              name="email"
              type="email"
              required
              autoComplete="email"
              defaultValue={card.paypalEmail ?? ''}
              className={input}
            />
          </div>
          <Button type="submit" variant="secondary" disabled={busy}>
            {card.state === 'paypal' ? 'Update PayPal email' : 'Get paid with PayPal'}
          </Button>
        </form>
      ) : !stripeHere ? (
        <p className="text-sm">Stripe does not pay out in your country and PayPal payouts are not switched on here. Contact support.</p>
      ) : null}
      {saved ? (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          Saved
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
