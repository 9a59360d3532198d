'use client';

import { useFieldArray, useWatch, type Control } from 'react-hook-form';
import { MAX_RANGES_PER_DAY } from '@/lib/availability/editor-limits';
import type { TAvailabilityInput } from '@/lib/availability/editor-schema';
import { TimeInput } from './time-input';

export type TRangesPath = `weekly.${number}.ranges` | `overrides.${number}.ranges`;
type TRangeErrors = { startMinute?: { message?: string }; endMinute?: { message?: string } };
type TListErrors = (TRangeErrors | undefined)[] & { message?: string; root?: { message?: string } };

type TProps = {
  control: Control<TAvailabilityInput>;
  name: TRangesPath;
  /** "Monday", "Dec 24": names the inputs for screen readers and tests. */
  dayLabel: string;
  errors?: TListErrors;
  emptyText: string;
};

const errorText = 'text-sm font-medium text-red-700 dark:text-red-400';

/** A day's time ranges, each a start and an end, with add and remove. */
export function RangeList({ control, name, dayLabel, errors, emptyText }: TProps) {
  const { fields, append, remove } = useFieldArray({ control, name });
  const ranges = useWatch({ control, name });
  const listError = errors?.root?.message ?? errors?.message;
  const id = name.replace(/\./g, '-');
  return (
    <div className="space-y-2">
      {fields.length === 0 ? <p className="text-sm text-slate-500 dark:text-slate-400">{emptyText}</p> : null}
      <ul className="space-y-2">
        {fields.map((f, j) => {
          const e = errors?.[j];
          const startError = e?.startMinute?.message;
          const endError = e?.endMinute?.message;
          return (
            <li key={f.id}>
              <div className="flex items-center gap-1.5">
                <TimeInput
                  control={control}
                  name={`${name}.${j}.startMinute`}
                  label={`${dayLabel} range ${j + 1} start`}
                  error={startError}
                  errorId={`${id}-${j}-start-error`}
                />
                <span aria-hidden="true" className="text-slate-500">
                  –
                </span>
                <TimeInput
                  control={control}
                  name={`${name}.${j}.endMinute`}
                  label={`${dayLabel} range ${j + 1} end`}
                  isEnd
                  error={endError}
                  errorId={`${id}-${j}-end-error`}
                />
                <button
                  type="button"
                  onClick={() => remove(j)}
                  className="grid h-8 w-8 shrink-0 place-items-center rounded-lg text-slate-600 hover:bg-slate-100 hover:text-red-700 dark:text-slate-300 dark:hover:bg-slate-800"
                  aria-label={`Remove ${dayLabel} range ${j + 1}`}
                  title="Remove"
                >
                  <svg
                    aria-hidden="true"
                    viewBox="0 0 16 16"
                    className="h-4 w-4"
                    fill="none"
                    stroke="currentColor"
                    strokeWidth="2"
                    strokeLinecap="round"
                  >
                    <path d="M4 4l8 8M12 4l-8 8" />
                  </svg>
                </button>
              </div>
              {startError ? (
                <p id={`${id}-${j}-start-error`} role="alert" className={errorText}>
                  {startError}
                </p>
              ) : null}
              {endError ? (
                <p id={`${id}-${j}-end-error`} role="alert" className={errorText}>
                  {endError}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
      {listError ? (
        <p role="alert" className={errorText}>
          {listError}
        </p>
      ) : null}
      <button
        type="button"
        disabled={fields.length >= MAX_RANGES_PER_DAY}
        onClick={() => append(nextRange(ranges))}
        className="rounded-lg px-2 py-1 text-sm font-semibold text-brand-700 hover:bg-brand-50 disabled:opacity-50 dark:text-brand-300 dark:hover:bg-slate-800"
        aria-label={`Add a range to ${dayLabel}`}
      >
        + Add hours
      </button>
    </div>
  );
}

/** A new row: 09:00–17:00 on an empty day, else the two hours after the latest end (or the last hours of the day). */
function nextRange(ranges: { startMinute: number; endMinute: number }[] | undefined): { startMinute: number; endMinute: number } {
  const ends = (ranges ?? []).map((r) => r.endMinute).filter((m) => Number.isFinite(m));
  if (!ends.length) return { startMinute: 9 * 60, endMinute: 17 * 60 };
  const start = Math.min(Math.max(...ends) + 60, 22 * 60);
  return { startMinute: start, endMinute: Math.min(start + 120, 1440) };
}
