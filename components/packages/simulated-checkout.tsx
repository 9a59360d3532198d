'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { sendJson } from '@/components/auth/api-client';
import { Button } from '@/components/ui/button';

/**
 * The package checkout's button. Test mode: pays (simulated) and goes back to the expert's profile to book.
 * Stripe: the server answers the Checkout Session's URL and the browser goes there.
 */
export function SimulatedCheckout({ purchaseId, label, next }: { purchaseId: string; label: string; next: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function pay() {
    setBusy(true);
    setError(null);
    const res = await sendJson<{ checkoutUrl: string | null }>('POST', `/api/packages/purchases/${purchaseId}/pay`);
    if (!res.ok) {
      setBusy(false);
      return setError(res.error.message);
    }
    if (res.data.checkoutUrl) return window.location.assign(res.data.checkoutUrl);
    router.push(`${next}?package=paid`);
    router.refresh();
  }
  return (
    <div className="space-y-2">
      <Button type="button" className="w-full" size="lg" onClick={() => void pay()} disabled={busy}>
        {busy ? 'Paying…' : label}
      </Button>
      {error ? (
        <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
