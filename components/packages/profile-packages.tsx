'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { sendJson } from '@/components/auth/api-client';
import { buttonClasses } from '@/components/ui/button';
import { formatMoney } from '@/lib/money/format-money';
import type { TPackageView, TPurchaseView } from '@/lib/packages/schemas';
import { RemainingCount } from './remaining-count';

/**
 * Packages on the public profile: what each one costs and saves per session, a Buy button for learners, and the
 * learner's own packages with this expert (sessions left, or a checkout to finish).
 */
export function ProfilePackages({
  slug,
  packages,
  mine,
  viewer,
}: {
  slug: string;
  packages: TPackageView[];
  mine: TPurchaseView[];
  viewer: 'anonymous' | 'learner' | 'other';
}) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (packages.length === 0 && mine.length === 0) return null;

  async function buy(p: TPackageView) {
    setBusy(p.id);
    setError(null);
    const res = await sendJson<{ checkoutUrl: string }>('POST', `/api/packages/${p.id}/purchase`);
    if (!res.ok) {
      setBusy(null);
      return setError(res.error.message);
    }
    router.push(res.data.checkoutUrl);
  }

  return (
    <section aria-labelledby="packages-title" className="space-y-3" data-testid="profile-packages">
      <h3 id="packages-title" className="text-base font-semibold">
        Session packages
      </h3>
      {mine.length ? (
        <ul className="space-y-2" aria-label="Your packages with this expert">
          {mine.map((m) => (
            <li
              key={m.id}
              className="rounded-xl border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
              data-testid="my-package"
            >
              <span className="block font-medium">Your package: {m.title}</span>
              <RemainingCount p={m} />
              {m.checkoutUrl ? (
                <Link href={m.checkoutUrl} className="link ml-2">
                  Finish paying
                </Link>
              ) : m.remaining > 0 ? (
                <span className="block text-xs">Pick a {m.lengthMinutes}-minute time below and book it with your package.</span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <ul className="space-y-2">
        {packages.map((p) => (
          <li key={p.id} className="rounded-xl border border-slate-200 p-3 dark:border-slate-800">
            <p className="font-medium">{p.title}</p>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              {p.sessionCount} × {p.lengthMinutes} min ·{' '}
              <span className="font-semibold text-slate-900 dark:text-slate-100">{formatMoney(p.priceMinor, p.currency)}</span>
            </p>
            {p.savingPerSessionMinor > 0 ? (
              <p className="text-sm text-emerald-800 dark:text-emerald-300">
                Save {formatMoney(p.savingPerSessionMinor, p.currency)} per session ({p.discountPercent}% off)
              </p>
            ) : null}
            <p className="text-xs text-slate-600 dark:text-slate-400">Unused sessions refundable for {p.refundWindowDays} days.</p>
            {viewer === 'learner' ? (
              <button
                type="button"
                className={buttonClasses('secondary') + ' mt-2 w-full'}
                disabled={busy !== null}
                onClick={() => void buy(p)}
                aria-label={`Buy ${p.title} for ${formatMoney(p.priceMinor, p.currency)}`}
              >
                {busy === p.id ? 'Opening checkout…' : `Buy package · ${formatMoney(p.priceMinor, p.currency)}`}
              </button>
            ) : viewer === 'anonymous' ? (
              <Link href={`/sign-in?next=${encodeURIComponent(`/experts/${slug}`)}`} className="link mt-2 inline-block text-sm">
                Sign in to buy
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
      {error ? (
        <p
          role="alert"
          className="rounded-xl border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
        >
          {error}
        </p>
      ) : null}
    </section>
  );
}
