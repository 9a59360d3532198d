'use client';

import type { Control, FieldErrors, UseFormGetValues, UseFormSetValue } from 'react-hook-form';
import type { TAvailabilityInput } from '@/lib/availability/editor-schema';
import { RangeList } from './range-list';

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

type TProps = {
  control: Control<TAvailabilityInput>;
  errors: FieldErrors<TAvailabilityInput>;
  getValues: UseFormGetValues<TAvailabilityInput>;
  setValue: UseFormSetValue<TAvailabilityInput>;
};

/** One card per weekday (Monday first), each with its time ranges. */
export function WeeklyHours({ control, errors, getValues, setValue }: TProps) {
  const copyMonday = () => {
    const monday = getValues('weekly.0.ranges');
    for (let i = 1; i <= 4; i++)
      setValue(
        `weekly.${i}.ranges`,
        monday.map((r) => ({ ...r })),
        { shouldDirty: true },
      );
  };
  return (
    <section aria-labelledby="weekly-heading" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="weekly-heading" className="text-lg font-semibold">
            Weekly hours
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Several ranges a day are fine, for example a lunch break. An end of 00:00 (12:00 AM) means midnight.
          </p>
        </div>
        <button
          type="button"
          onClick={copyMonday}
          className="rounded-xl border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800"
        >
          Copy Monday to weekdays
        </button>
      </div>
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {WEEKDAY_NAMES.map((day, i) => (
          <fieldset key={day} className="card p-4">
            <legend className="sr-only">{day}</legend>
            <p aria-hidden="true" className="mb-2 font-semibold">
              {day}
            </p>
            <RangeList
              control={control}
              name={`weekly.${i}.ranges`}
              dayLabel={day}
              errors={errors.weekly?.[i]?.ranges as never}
              emptyText="Unavailable"
            />
          </fieldset>
        ))}
      </div>
    </section>
  );
}
