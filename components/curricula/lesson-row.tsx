'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import type { TLessonStatus, TStoredLesson } from '@/lib/curriculum/schemas';
import { formatDuration } from '@/lib/format/format';
import { patchJson } from './api';

const STATUS_LABEL: Record<TLessonStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
  skipped: 'Skipped',
};
const KIND_LABEL = { read: 'Read', watch: 'Watch', practice: 'Practice', project: 'Project' } as const;
const inputClass = 'rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950';

type TProps = {
  curriculumId: string;
  lesson: TStoredLesson;
  locale: string;
  progress: { status: TLessonStatus; minutesSpent: number; notes: string } | null;
};

export function LessonRow({ curriculumId, lesson, locale, progress }: TProps) {
  const router = useRouter();
  // What the server last rendered; a local value from our own save wins until new props arrive
  // (router.refresh() after a save here, or a live update from another tab).
  const serverKey = `${progress?.status ?? 'not_started'}:${progress?.minutesSpent ?? 0}`;
  const [local, setLocal] = useState<{ key: string; status: TLessonStatus; minutes: number } | null>(null);
  const fresh = local && local.key === serverKey ? local : null;
  const status: TLessonStatus = fresh?.status ?? progress?.status ?? 'not_started';
  const minutes = fresh?.minutes ?? progress?.minutesSpent ?? 0;
  const [notes, setNotes] = useState(progress?.notes ?? '');
  const [addMinutes, setAddMinutes] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(update: Record<string, unknown>) {
    setBusy(true);
    setMessage(null);
    const res = await patchJson<{ progress: { status: TLessonStatus; minutesSpent: number; notes: string } }>(
      `/api/curricula/${curriculumId}/lessons/${lesson.id}`,
      { ...update, idempotencyKey: crypto.randomUUID() },
    );
    setBusy(false);
    if (!res.ok) {
      setMessage(res.error.message);
      return;
    }
    setLocal({ key: serverKey, status: res.data.progress.status, minutes: res.data.progress.minutesSpent });
    router.refresh();
  }

  const statusId = `status-${lesson.id}`;
  const plannedLog = Math.min(600, lesson.estimatedMinutes); // one log is at most 600 minutes
  return (
    <li
      id={`lesson-${lesson.id}`}
      data-lesson-status={status}
      className="scroll-mt-36 border-t border-slate-200 py-4 first:border-t-0 lg:scroll-mt-24 dark:border-slate-800"
    >
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone="brand">{KIND_LABEL[lesson.kind]}</Badge>
            <h3 className="font-medium">{lesson.title}</h3>
          </div>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400" data-testid="lesson-minutes">
            {formatDuration(lesson.estimatedMinutes, locale)} planned · {formatDuration(minutes, locale)} logged
          </p>
          {status === 'done' && minutes === 0 ? (
            // Time learned is what the learner logs; the plan's estimate is a one-click default, never a credit.
            <Button variant="secondary" className="mt-2" disabled={busy} onClick={() => save({ addMinutes: plannedLog })}>
              Log the planned {formatDuration(plannedLog, locale)}
            </Button>
          ) : null}
        </div>
        <div className="flex shrink-0 items-center gap-2">
          <label htmlFor={statusId} className="sr-only">
            Status of {lesson.title}
          </label>
          <select id={statusId} value={status} disabled={busy} onChange={(e) => save({ status: e.target.value })} className={inputClass}>
            {Object.entries(STATUS_LABEL).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
          {status !== 'done' ? (
            <Button variant="secondary" disabled={busy} onClick={() => save({ status: 'done' })} aria-label={`Mark ${lesson.title} done`}>
              Mark done
            </Button>
          ) : (
            <Badge tone="success">Done</Badge>
          )}
        </div>
      </div>
      <ul className="mt-2 list-disc space-y-0.5 pl-5 text-sm text-slate-700 dark:text-slate-300">
        {lesson.objectives.map((o) => (
          <li key={o}>{o}</li>
        ))}
      </ul>
      {lesson.resources.length ? (
        <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {lesson.resources.map((r) => (
            <li key={r.url}>
              <a href={r.url} className="link" target="_blank" rel="noreferrer noopener">
                {r.title}
              </a>{' '}
              <span className="text-slate-600 dark:text-slate-400">({r.type})</span>
            </li>
          ))}
        </ul>
      ) : null}
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-slate-700 dark:text-slate-300">Notes and time</summary>
        <div className="mt-2 space-y-2">
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              const n = Number(addMinutes);
              if (!Number.isInteger(n) || n < 1 || n > 600) return setMessage('Enter whole minutes between 1 and 600.');
              void save({ addMinutes: n }).then(() => setAddMinutes(''));
            }}
          >
            <label className="flex flex-col gap-1">
              <span>Minutes to log</span>
              <input
                className={`${inputClass} w-28`}
                type="number"
                min={1}
                max={600}
                placeholder={String(plannedLog)}
                value={addMinutes}
                onChange={(e) => setAddMinutes(e.target.value)}
              />
            </label>
            <Button type="submit" variant="secondary" disabled={busy}>
              Log time
            </Button>
          </form>
          <label className="flex flex-col gap-1">
            <span>Notes</span>
            <textarea
              className={`${inputClass} w-full`}
              rows={3}
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
              onBlur={() => notes !== (progress?.notes ?? '') && save({ notes })}
            />
          </label>
        </div>
      </details>
      {message ? (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {message}
        </p>
      ) : null}
    </li>
  );
}
