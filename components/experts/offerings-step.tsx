'use client';

import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CURRENCIES, SESSION_LENGTHS } from '@/lib/experts/application-options';
import type { TOwnApplication } from '@/lib/experts/get-own-application';
import { toMajor, toMinor } from '@/lib/money/to-minor';
import { describeError, send } from './send-json';

type TForm = { currency: string; rows: { enabled: boolean; price: string }[] };
const input =
  'block w-full rounded-xl border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100';

export function OfferingsStep({ app, onSaved }: { app: TOwnApplication; onSaved: (a: TOwnApplication) => void }) {
  const [error, setError] = useState<string | null>(null);
  const currency = app.offerings[0]?.currency ?? 'USD';
  const { register, handleSubmit, formState } = useForm<TForm>({
    defaultValues: {
      currency,
      rows: SESSION_LENGTHS.map((m) => {
        const o = app.offerings.find((x) => x.duration_minutes === m);
        return { enabled: !!o, price: o ? toMajor(o.price_minor, o.currency) : '' };
      }),
    },
  });
  const onSubmit = handleSubmit(async (v) => {
    setError(null);
    const offerings = SESSION_LENGTHS.flatMap((m, i) =>
      v.rows[i].enabled ? [{ durationMinutes: m, priceMinor: toMinor(v.rows[i].price, v.currency) ?? -1, currency: v.currency }] : [],
    );
    const unpriced = offerings.flatMap((o, i) => (o.priceMinor < 0 ? [`Session ${i + 1} (${o.durationMinutes} min): enter a price.`] : []));
    if (unpriced.length) return setError(unpriced.join(' '));
    // The same schema the server checks, so most mistakes never leave the browser (loaded now, not with the page).
    // If that chunk cannot load, the server's answer says the same.
    const validation = await import('./application-validation').catch(() => null);
    const problems = validation?.offeringsProblems(offerings) ?? [];
    if (problems.length) return setError(problems.join(' '));
    const res = await send<{ application: TOwnApplication }>('PUT', '/api/expert/application', { step: 'offerings', offerings });
    if (!res.ok) return setError(describeError(res.error));
    onSaved(res.data.application);
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="max-w-xs space-y-1.5">
        <label htmlFor="currency" className="block text-sm font-medium">
          Currency
        </label>
        <select id="currency" className={input} {...register('currency')}>
          {CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Session lengths and prices</legend>
        <div className="mt-2 space-y-2">
          {SESSION_LENGTHS.map((m, i) => (
            <div key={m} className="flex flex-wrap items-center gap-3">
              <label className="flex w-32 items-center gap-2 text-sm">
                <input type="checkbox" {...register(`rows.${i}.enabled`)} /> {m} minutes
              </label>
              <label className="sr-only" htmlFor={`price-${m}`}>
                Price for {m} minutes
              </label>
              <input
                id={`price-${m}`}
                inputMode="decimal"
                placeholder="Price, e.g. 60"
                className={input + ' max-w-[10rem]'}
                {...register(`rows.${i}.price`)}
              />
            </div>
          ))}
        </div>
      </fieldset>
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? 'Saving…' : 'Save and continue'}
      </Button>
    </form>
  );
}
