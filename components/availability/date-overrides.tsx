'use client';

import { useFieldArray, useWatch, type Control, type FieldErrors, type UseFormRegister, type UseFormSetValue } from 'react-hook-form';
import { MAX_OVERRIDES } from '@/lib/availability/editor-limits';
import type { TAvailabilityInput } from '@/lib/availability/editor-schema';
import { RangeList } from './range-list';

type TProps = {
  control: Control<TAvailabilityInput>;
  errors: FieldErrors<TAvailabilityInput>;
  register: UseFormRegister<TAvailabilityInput>;
  setValue: UseFormSetValue<TAvailabilityInput>;
  /** Today in the expert's zone (YYYY-MM-DD): the earliest date offered. */
  today: string;
};

const errorText = 'text-sm font-medium text-red-700 dark:text-red-400';
const DEFAULT_HOURS = [{ startMinute: 9 * 60, endMinute: 17 * 60 }];

/** Dates whose hours differ from the week's: a day off, or other hours. */
export function DateOverrides({ control, errors, register, setValue, today }: TProps) {
  const { fields, append, remove } = useFieldArray({ control, name: 'overrides' });
  const values = useWatch({ control, name: 'overrides' });
  return (
    <section aria-labelledby="overrides-heading" className="space-y-4">
      <div>
        <h2 id="overrides-heading" className="text-lg font-semibold">
          Date overrides
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          A holiday, or a day with other hours: it replaces that date&apos;s weekly hours.
        </p>
      </div>
      {fields.length === 0 ? <p className="text-sm text-slate-500 dark:text-slate-400">No overrides.</p> : null}
      <ul className="space-y-3">
        {fields.map((f, i) => {
          const e = errors.overrides?.[i];
          const dayOff = (values?.[i]?.ranges.length ?? 0) === 0;
          const label = values?.[i]?.date || `Override ${i + 1}`;
          return (
            <li key={f.id} className="card space-y-3 p-4">
              <div className="flex flex-wrap items-end gap-4">
                <div className="space-y-1">
                  <label htmlFor={`override-${i}-date`} className="block text-sm font-medium">
                    Date
                  </label>
                  <input
                    id={`override-${i}-date`}
                    type="date"
                    min={today}
                    aria-invalid={e?.date ? true : undefined}
                    aria-describedby={e?.date ? `override-${i}-date-error` : undefined}
                    className="rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-base dark:border-slate-700 dark:bg-slate-950"
                    {...register(`overrides.${i}.date`)}
                  />
                </div>
                <fieldset className="flex gap-4 text-sm">
                  <legend className="sr-only">Hours on {label}</legend>
                  <label className="flex items-center gap-1.5">
                    <input
                      type="radio"
                      name={`override-${i}-mode`}
                      checked={dayOff}
                      onChange={() => setValue(`overrides.${i}.ranges`, [], { shouldDirty: true })}
                    />{' '}
                    Day off
                  </label>
                  <label className="flex items-center gap-1.5">
                    <input
                      type="radio"
                      name={`override-${i}-mode`}
                      checked={!dayOff}
                      onChange={() =>
                        setValue(
                          `overrides.${i}.ranges`,
                          DEFAULT_HOURS.map((r) => ({ ...r })),
                          { shouldDirty: true },
                        )
                      }
                    />{' '}
                    Other hours
                  </label>
                </fieldset>
                <button
                  type="button"
                  onClick={() => remove(i)}
                  className="ml-auto rounded-lg px-2 py-1 text-sm font-medium text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
                  aria-label={`Remove the override for ${label}`}
                >
                  Remove
                </button>
              </div>
              {e?.date?.message ? (
                <p id={`override-${i}-date-error`} role="alert" className={errorText}>
                  {e.date.message}
                </p>
              ) : null}
              {!dayOff ? (
                <RangeList control={control} name={`overrides.${i}.ranges`} dayLabel={label} errors={e?.ranges as never} emptyText="" />
              ) : null}
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        disabled={fields.length >= MAX_OVERRIDES}
        onClick={() => append({ date: '', ranges: [] })}
        className="rounded-xl border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800"
      >
        + Add a date override
      </button>
    </section>
  );
}
