'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { describeError, send } from '@/components/experts/send-json';
import { Button } from '@/components/ui/button';

const input =
  'block w-28 rounded-xl border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-950 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500';

/** One currency's commission (percent + fixed), or a new currency: PUT /api/admin/commission-rules, audited. */
export function CommissionForm({ currency, percent, fixed }: { currency?: string; percent?: string; fixed?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const id = currency ? `commission-${currency === '*' ? 'default' : currency}` : 'commission-new';
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    setSaved(false);
    setBusy(true);
    const data = new FormData(e.currentTarget);
    const res = await send('PUT', '/api/admin/commission-rules', {
      currency: currency ?? String(data.get('currency') ?? ''),
      percent: String(data.get('percent') ?? ''),
      fixed: currency === '*' ? '0' : String(data.get('fixed') ?? '0'),
    });
    setBusy(false);
    if (!res.ok) return setError(describeError(res.error));
    setSaved(true);
    router.refresh();
  }
  const label = currency === '*' ? 'the default' : (currency ?? 'a new currency');
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-label={`Commission for ${label}`}>
      {currency ? null : (
        <div className="space-y-1.5">
          <label htmlFor={`${id}-currency`} className="block text-sm font-medium">
            Currency code
          </label>
          <input id={`${id}-currency`} name="currency" required maxLength={3} placeholder="EUR" className={input} />
        </div>
      )}
      <div className="space-y-1.5">
        <label htmlFor={`${id}-percent`} className="block text-sm font-medium">
          Percent
        </label>
        <input
          id={`${id}-percent`}
          name="percent"
          inputMode="decimal"
          required
          defaultValue={percent ?? ''}
          placeholder="15"
          className={input}
        />
      </div>
      {currency === '*' ? null : (
        <div className="space-y-1.5">
          <label htmlFor={`${id}-fixed`} className="block text-sm font-medium">
            Fixed amount
          </label>
          <input id={`${id}-fixed`} name="fixed" inputMode="decimal" defaultValue={fixed ?? '0'} placeholder="0.30" className={input} />
        </div>
      )}
      <Button type="submit" variant="secondary" disabled={busy}>
        {currency ? 'Save' : 'Add'}
      </Button>
      {saved ? (
        <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          Saved
        </span>
      ) : null}
      {error ? (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </form>
  );
}
