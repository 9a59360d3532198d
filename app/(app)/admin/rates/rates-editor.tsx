'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { describeError, send } from '@/components/experts/send-json';
import { Button } from '@/components/ui/button';

const input = 'block w-32 rounded-xl border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-950';

/** One row's rate, or a new currency: PUT /api/admin/rates, then the page reloads its table. */
export function RateForm({ currency, perUsd }: { currency?: string; perUsd?: number }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const id = currency ? `rate-${currency}` : 'rate-new';
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    setSaved(false);
    const data = new FormData(e.currentTarget);
    const res = await send('PUT', '/api/admin/rates', {
      currency: currency ?? String(data.get('currency') ?? ''),
      perUsd: String(data.get('perUsd') ?? ''),
    });
    if (!res.ok) return setError(describeError(res.error));
    setSaved(true);
    router.refresh();
  }
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-label={currency ? `Rate for ${currency}` : 'Add a currency'}>
      {currency ? null : (
        <div className="space-y-1.5">
          <label htmlFor={`${id}-currency`} className="block text-sm font-medium">
            Currency code
          </label>
          <input id={`${id}-currency`} name="currency" required maxLength={3} placeholder="SEK" className={input} />
        </div>
      )}
      <div className="space-y-1.5">
        <label htmlFor={`${id}-value`} className={currency ? 'sr-only' : 'block text-sm font-medium'}>
          {currency ? `${currency} per 1 USD` : 'Units per 1 USD'}
        </label>
        <input
          id={`${id}-value`}
          name="perUsd"
          type="number"
          step="any"
          min={0}
          required
          defaultValue={perUsd ?? ''}
          disabled={currency === 'USD'}
          className={input}
        />
      </div>
      {currency === 'USD' ? null : (
        <Button type="submit" variant="secondary">
          {currency ? 'Save' : 'Add'}
        </Button>
      )}
      {saved ? (
        <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          Saved
        </span>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </form>
  );
}
