'use client';

import Link from 'next/link';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { Field } from '@/components/ui/field';
import type { TAvailability, TAvailabilityInput } from '@/lib/availability/editor-schema';

type TProps = {
  register: UseFormRegister<TAvailabilityInput>;
  errors: FieldErrors<TAvailabilityInput>;
  offerings: TAvailability['offerings'];
};

const INTERVALS = [5, 10, 15, 20, 30, 60] as const;
const asNumber = { valueAsNumber: true } as const;

/** Session lengths (read-only: they are the profile's offerings), buffers, notice, horizon, daily maximum, interval. */
export function SettingsFields({ register, errors, offerings }: TProps) {
  const e = errors.settings;
  return (
    <section aria-labelledby="settings-heading" className="space-y-4">
      <h2 id="settings-heading" className="text-lg font-semibold">
        Booking settings
      </h2>
      <div className="card space-y-5 p-4 sm:p-5">
        <div>
          <p className="text-sm font-medium">Session lengths offered</p>
          <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
            {offerings.length ? offerings.map((o) => `${o.lengthMinutes} min`).join(' · ') : 'None yet.'}{' '}
            <Link href="/dashboard/profile" className="link">
              Edit sessions and prices
            </Link>
          </p>
        </div>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <Field
            label="Buffer before a session (minutes)"
            type="number"
            min={0}
            max={240}
            inputMode="numeric"
            {...register('settings.bufferBeforeMinutes', asNumber)}
            error={e?.bufferBeforeMinutes?.message}
          />
          <Field
            label="Buffer after a session (minutes)"
            type="number"
            min={0}
            max={240}
            inputMode="numeric"
            {...register('settings.bufferAfterMinutes', asNumber)}
            error={e?.bufferAfterMinutes?.message}
          />
          <Field
            label="Minimum notice (minutes)"
            type="number"
            min={0}
            max={43200}
            inputMode="numeric"
            hint="120 = two hours"
            {...register('settings.minNoticeMinutes', asNumber)}
            error={e?.minNoticeMinutes?.message}
          />
          <Field
            label="Booking horizon (days ahead)"
            type="number"
            min={1}
            max={365}
            inputMode="numeric"
            {...register('settings.horizonDays', asNumber)}
            error={e?.horizonDays?.message}
          />
          <Field
            label="Most sessions a day"
            type="number"
            min={1}
            max={48}
            inputMode="numeric"
            hint="Empty: no limit"
            {...register('settings.maxPerDay', {
              setValueAs: (v: unknown) => (v === '' || v === null || v === undefined ? null : Number(v)),
            })}
            error={e?.maxPerDay?.message}
          />
          <div className="space-y-1.5">
            <label htmlFor="field-settings.slotIntervalMinutes" className="block text-sm font-medium text-slate-800 dark:text-slate-200">
              Start times every
            </label>
            <select
              id="field-settings.slotIntervalMinutes"
              aria-invalid={e?.slotIntervalMinutes ? true : undefined}
              className="block w-full rounded-xl border border-slate-300 bg-white px-3.5 py-2.5 text-base dark:border-slate-700 dark:bg-slate-950"
              {...register('settings.slotIntervalMinutes', { setValueAs: (v: unknown) => Number(v) })}
            >
              {INTERVALS.map((m) => (
                <option key={m} value={m}>
                  {m} minutes
                </option>
              ))}
            </select>
            {e?.slotIntervalMinutes ? (
              <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
                {e.slotIntervalMinutes.message}
              </p>
            ) : null}
          </div>
        </div>
      </div>
    </section>
  );
}
