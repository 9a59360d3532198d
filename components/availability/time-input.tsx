'use client';

import { Controller, type Control, type FieldPath } from 'react-hook-form';
import { formatMinute } from '@/lib/availability/editor-limits';
import type { TAvailabilityInput } from '@/lib/availability/editor-schema';
import { cn } from '@/components/ui/cn';

type TProps = {
  control: Control<TAvailabilityInput>;
  name: FieldPath<TAvailabilityInput>;
  label: string;
  /** An end time: 00:00 means midnight at the end of the day (1440). */
  isEnd?: boolean;
  error?: string;
  errorId: string;
};

function toMinute(value: string, isEnd: boolean): number {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  if (!m) return Number.NaN;
  const minute = Number(m[1]) * 60 + Number(m[2]);
  return isEnd && minute === 0 ? 1440 : minute;
}

function toText(value: unknown, isEnd: boolean): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  return isEnd && value === 1440 ? '00:00' : formatMinute(value);
}

/** `<input type="time">` bound to minutes after local midnight. */
export function TimeInput({ control, name, label, isEnd = false, error, errorId }: TProps) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <input
          type="time"
          aria-label={label}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className={cn(
            'min-w-0 max-w-[8.5rem] flex-1 rounded-lg border bg-white px-2 py-1.5 text-base text-slate-900 dark:bg-slate-950 dark:text-slate-100',
            error ? 'border-red-600 dark:border-red-400' : 'border-slate-300 dark:border-slate-700',
          )}
          name={field.name}
          ref={field.ref}
          value={toText(field.value, isEnd)}
          onBlur={field.onBlur}
          onChange={(e) => field.onChange(toMinute(e.target.value, isEnd))}
        />
      )}
    />
  );
}
