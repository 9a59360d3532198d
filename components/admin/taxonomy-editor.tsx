'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { describeError, send } from '@/components/experts/send-json';
import { Button } from '@/components/ui/button';
import type { TSpecialty } from '@/lib/experts/taxonomy';

export function TaxonomyEditor({ specialties }: { specialties: TSpecialty[] }) {
  const router = useRouter();
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function save(body: { label: string; active: boolean }) {
    setError(null);
    const res = await send('POST', '/api/admin/specialties', body);
    if (!res.ok) return setError(describeError(res.error));
    setLabel('');
    router.refresh();
  }
  return (
    <div className="space-y-3">
      <ul className="flex flex-wrap gap-2">
        {specialties.map((s) => (
          <li key={s.slug}>
            <button
              type="button"
              onClick={() => save({ label: s.label, active: !s.active })}
              className={
                s.active
                  ? 'rounded-full bg-brand-100 px-3 py-1 text-xs font-semibold text-brand-800 dark:bg-brand-900 dark:text-brand-100'
                  : 'rounded-full bg-slate-100 px-3 py-1 text-xs text-slate-700 line-through dark:bg-slate-800 dark:text-slate-300'
              }
              aria-label={`${s.label}: ${s.active ? 'active, click to retire' : 'retired, click to restore'}`}
            >
              {s.label}
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save({ label, active: true });
        }}
        className="flex flex-wrap items-end gap-2"
      >
        <div className="space-y-1.5">
          <label htmlFor="new-specialty" className="block text-sm font-medium">
            New specialty
          </label>
          <input
            id="new-specialty"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            className="block rounded-xl border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-950"
          />
        </div>
        <Button type="submit" variant="secondary">
          Add
        </Button>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
