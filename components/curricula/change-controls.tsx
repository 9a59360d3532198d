'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { postJson } from '@/components/auth/api-client';
import { Button } from '@/components/ui/button';

/**
 * Regenerate asks first, in a modal dialog (native <dialog>: focus stays inside, Escape cancels) that says what is
 * kept — the lessons the learner has touched, with their status, notes and time, and the best checkpoint score — and
 * what is replaced.
 */
export function RegenerateModuleButton({
  curriculumId,
  moduleId,
  title,
  keptLessons,
  totalLessons,
}: {
  curriculumId: string;
  moduleId: string;
  title: string;
  keptLessons: number;
  totalLessons: number;
}) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = `regen-title-${moduleId}`;
  const replaced = totalLessons - keptLessons;
  async function regenerate() {
    dialog.current?.close();
    setBusy(true);
    const res = await postJson(`/api/curricula/${curriculumId}/modules/${moduleId}/regenerate`, {});
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    setError(null);
    router.refresh();
  }
  return (
    <div className="flex flex-col items-start gap-1">
      <Button variant="secondary" disabled={busy} aria-label={`Regenerate module ${title}`} onClick={() => dialog.current?.showModal()}>
        {busy ? 'Regenerating…' : 'Regenerate module'}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={headingId}
        className="w-[min(32rem,calc(100vw-2rem))] rounded-2xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
      >
        <div className="space-y-3 p-5">
          <h2 id={headingId} className="text-lg font-semibold">
            Regenerate “{title}”?
          </h2>
          <p className="text-sm">A fresh take on this module replaces its summary, its untouched lessons and its checkpoint.</p>
          <div className="text-sm">
            <p className="font-medium">Kept:</p>
            <ul className="mt-1 list-disc pl-5">
              <li>
                {keptLessons === 0
                  ? 'No lesson here has been started yet, so none is kept as it is.'
                  : `${keptLessons} ${keptLessons === 1 ? 'lesson' : 'lessons'} you started, finished or skipped, with status, notes and time logged.`}
              </li>
              <li>Your best checkpoint score.</li>
            </ul>
            <p className="mt-2 font-medium">Replaced:</p>
            <ul className="mt-1 list-disc pl-5">
              <li>
                {replaced} untouched {replaced === 1 ? 'lesson' : 'lessons'} and the checkpoint questions (answers to the old questions no
                longer count towards mastery).
              </li>
            </ul>
          </div>
          <div className="flex flex-wrap justify-end gap-2 pt-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()} autoFocus>
              Cancel
            </Button>
            <Button onClick={regenerate}>Regenerate</Button>
          </div>
        </div>
      </dialog>
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
