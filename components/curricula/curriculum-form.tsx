'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { applyFieldErrors, postJson } from '@/components/auth/api-client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { lazyResolver } from '@/components/forms/lazy-resolver';
import { LEVELS, MATERIAL_KINDS } from '@/lib/curriculum/request-options';
import type { TCurriculumRequest, TCurriculumRequestInput } from '@/lib/curriculum/schemas';

// The same schema the route checks, loaded on first use of the form (focus) instead of with the page.
const resolver = lazyResolver<TCurriculumRequestInput, unknown, TCurriculumRequest>(() =>
  import('./curriculum-resolver').then((m) => m.curriculumResolver),
);

const inputClass =
  'block w-full rounded-xl border border-slate-300 bg-white px-3.5 py-2.5 text-base text-slate-900 shadow-sm dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100';
const MATERIAL_LABEL = { reading: 'Reading', video: 'Video', practice: 'Practice', projects: 'Projects' } as const;
const KNOWN = ['goal', 'level', 'background', 'hoursPerWeek', 'timeframe', 'weeks', 'targetDate', 'materials', 'language'] as const;

function Error({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
      {message}
    </p>
  ) : null;
}

export function CurriculumForm({ offline }: { offline: boolean }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, control, formState } = useForm<TCurriculumRequestInput, unknown, TCurriculumRequest>({
    resolver: resolver.resolver,
    defaultValues: {
      goal: '',
      level: 'beginner',
      background: '',
      hoursPerWeek: 5,
      timeframe: 'weeks',
      weeks: 6,
      materials: ['reading', 'practice'],
      language: 'English',
    },
  });
  const timeframe = useWatch({ control, name: 'timeframe' });
  const errors = formState.errors;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const res = await postJson<{ id: string }>('/api/curricula', values);
    if (!res.ok) {
      setFormError(applyFieldErrors(res.error, setError, [...KNOWN]));
      return;
    }
    router.push(`/learn/${res.data.id}`);
  });

  return (
    <form onSubmit={onSubmit} onFocus={resolver.preload} noValidate className="card space-y-6 p-6">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {offline ? <Alert tone="info">Generated offline — set OPENAI_API_KEY for AI curricula.</Alert> : null}
      <Field label="What do you want to learn?" placeholder="Get job-ready in SQL" {...register('goal')} error={errors.goal?.message} />
      <div className="grid gap-6 sm:grid-cols-2">
        <div className="space-y-1.5">
          <label htmlFor="field-level" className="block text-sm font-medium">
            Current level
          </label>
          <select id="field-level" className={inputClass} {...register('level')}>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {l.charAt(0).toUpperCase() + l.slice(1)}
              </option>
            ))}
          </select>
        </div>
        <Field label="Language" {...register('language')} error={errors.language?.message} />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="field-background" className="block text-sm font-medium">
          Background (optional)
        </label>
        <textarea
          id="field-background"
          rows={3}
          className={inputClass}
          placeholder="What you already know, what you do for a living…"
          {...register('background')}
        />
        <Error id="field-background-error" message={errors.background?.message} />
      </div>
      <div className="grid gap-6 sm:grid-cols-3">
        <Field
          label="Hours per week"
          type="number"
          step="0.5"
          min={1}
          max={60}
          inputMode="decimal"
          {...register('hoursPerWeek')}
          error={errors.hoursPerWeek?.message}
        />
        <fieldset className="space-y-1.5">
          <legend className="block text-sm font-medium">Timeframe</legend>
          <div className="flex gap-4 pt-2">
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" value="weeks" {...register('timeframe')} /> Weeks
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" value="date" {...register('timeframe')} /> Target date
            </label>
          </div>
        </fieldset>
        {timeframe === 'date' ? (
          <Field label="Target date" type="date" {...register('targetDate')} error={errors.targetDate?.message} />
        ) : (
          <Field
            label="Number of weeks"
            type="number"
            min={1}
            max={52}
            inputMode="numeric"
            {...register('weeks')}
            error={errors.weeks?.message}
          />
        )}
      </div>
      <fieldset className="space-y-2" aria-describedby={errors.materials ? 'materials-error' : undefined}>
        <legend className="block text-sm font-medium">Preferred kinds of material</legend>
        <div className="flex flex-wrap gap-4">
          {MATERIAL_KINDS.map((m) => (
            <label key={m} className="flex items-center gap-2 text-sm">
              <input type="checkbox" value={m} {...register('materials')} /> {MATERIAL_LABEL[m]}
            </label>
          ))}
        </div>
        <Error id="materials-error" message={errors.materials?.message} />
      </fieldset>
      <Button type="submit" size="lg" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? 'Saving your request…' : 'Generate curriculum'}
      </Button>
    </form>
  );
}
