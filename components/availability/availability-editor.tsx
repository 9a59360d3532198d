'use client';

import { useState } from 'react';
import { useForm, type Path } from 'react-hook-form';
import { sendJson } from '@/components/auth/api-client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { lazyResolver } from '@/components/forms/lazy-resolver';
import type { TAvailability, TAvailabilityInput } from '@/lib/availability/editor-schema';

// The schema the server checks, loaded on first use of the form (focus) instead of with the page.
const resolver = lazyResolver<TAvailabilityInput>(() => import('./availability-resolver').then((m) => m.availabilityResolver));
import { DateOverrides } from './date-overrides';
import { SettingsFields } from './settings-fields';
import { WeeklyHours } from './weekly-hours';

type TProps = {
  initial: TAvailability;
  today: string;
  /** Called after a save commits (the week view refetches). */
  onSaved?: () => void;
};

const formValues = (a: TAvailability): TAvailabilityInput => ({ weekly: a.weekly, overrides: a.overrides, settings: a.settings });

/** The expert's weekly hours, date overrides and booking settings: the same schema the server checks. */
export function AvailabilityEditor({ initial, today, onSaved }: TProps) {
  const [offerings, setOfferings] = useState(initial.offerings);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const { control, register, handleSubmit, getValues, setValue, setError, reset, formState } = useForm<TAvailabilityInput>({
    resolver: resolver.resolver,
    defaultValues: formValues(initial),
  });
  const errors = formState.errors;

  const onSubmit = handleSubmit(
    async (v) => {
      setNotice(null);
      const res = await sendJson<{ availability: TAvailability }>('PUT', '/api/expert/availability', v);
      if (!res.ok) {
        const fields = Object.entries(res.error.fields ?? {}).filter(([k]) => k !== '_');
        for (const [path, message] of fields) setError(path as Path<TAvailabilityInput>, { type: 'server', message });
        setNotice({
          tone: 'error',
          text: fields.length ? 'Some fields need attention; see the messages next to them.' : res.error.message,
        });
        return;
      }
      reset(formValues(res.data.availability));
      setOfferings(res.data.availability.offerings);
      setNotice({ tone: 'success', text: 'Availability saved. Learners see the new hours now.' });
      onSaved?.();
    },
    () => setNotice({ tone: 'error', text: 'Some fields need attention; see the messages next to them.' }),
  );

  return (
    <form onSubmit={onSubmit} onFocus={resolver.preload} noValidate className="space-y-8" aria-label="Availability">
      <WeeklyHours control={control} errors={errors} getValues={getValues} setValue={setValue} />
      <DateOverrides control={control} errors={errors} register={register} setValue={setValue} today={today} />
      <SettingsFields register={register} errors={errors} offerings={offerings} />
      <div className="sticky bottom-0 z-10 -mx-4 space-y-3 border-t border-slate-200 bg-slate-50/95 px-4 py-3 sm:-mx-6 sm:px-6 backdrop-blur dark:border-slate-800 dark:bg-slate-950/95">
        {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? 'Saving…' : 'Save availability'}
          </Button>
          {formState.isDirty && !formState.isSubmitting ? (
            <span className="text-sm text-slate-600 dark:text-slate-400">Unsaved changes</span>
          ) : null}
        </div>
      </div>
    </form>
  );
}
