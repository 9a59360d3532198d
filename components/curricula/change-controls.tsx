'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { postJson } from '@/components/auth/api-client';
import { Button } from '@/components/ui/button';

export function RegenerateModuleButton({ curriculumId, moduleId, title }: { curriculumId: string; moduleId: string; title: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-start gap-1">
      <Button
        variant="secondary"
        disabled={busy}
        aria-label={`Regenerate module ${title}`}
        onClick={async () => {
          setBusy(true);
          const res = await postJson(`/api/curricula/${curriculumId}/modules/${moduleId}/regenerate`, {});
          setBusy(false);
          if (!res.ok) return setError(res.error.message);
          setError(null);
          router.refresh();
        }}
      >
        {busy ? 'Regenerating…' : 'Regenerate module'}
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function ExtendForm({ curriculumId }: { curriculumId: string }) {
  const router = useRouter();
  const [weeks, setWeeks] = useState('2');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="card flex flex-wrap items-end gap-3 p-5"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const res = await postJson(`/api/curricula/${curriculumId}/extend`, { weeks });
        setBusy(false);
        if (!res.ok) return setError(res.error.fields?.weeks ?? res.error.message);
        setError(null);
        router.refresh();
      }}
    >
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Extend the curriculum by (weeks)</span>
        <input
          type="number"
          min={1}
          max={26}
          value={weeks}
          onChange={(e) => setWeeks(e.target.value)}
          className="w-28 rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 dark:border-slate-700 dark:bg-slate-950"
        />
      </label>
      <Button type="submit" variant="secondary" disabled={busy}>
        {busy ? 'Extending…' : 'Extend'}
      </Button>
      <p className="w-full text-sm text-slate-600 dark:text-slate-400">
        New modules are added after the current ones; your progress stays.
      </p>
      {error ? (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </form>
  );
}
