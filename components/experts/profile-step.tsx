'use client';

import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CheckboxGroup } from '@/components/ui/checkbox-group';
import { Field } from '@/components/ui/field';
import { lazyResolver } from '@/components/forms/lazy-resolver';
import { LANGUAGES } from '@/lib/experts/application-options';
import type { TOwnApplication } from '@/lib/experts/get-own-application';
import type { TProfileForm } from './application-validation';
import { describeError, send } from './send-json';

// The server's schema, with tags and links typed as text in the form (application-validation.ts), loaded on
// first use of the form.
const resolver = lazyResolver<TProfileForm>(() => import('./application-validation').then((m) => m.profileResolver));

const area =
  'block w-full rounded-xl border border-slate-300 bg-white px-3.5 py-2.5 text-base text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100';
const TIME_ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];

export function ProfileStep({
  app,
  defaultName,
  specialties,
  onSaved,
}: {
  app: TOwnApplication | null;
  defaultName: string;
  specialties: string[];
  onSaved: (a: TOwnApplication) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<TProfileForm>({
    resolver: resolver.resolver,
    defaultValues: {
      displayName: app?.display_name ?? defaultName,
      headline: app?.headline ?? '',
      bio: app?.bio ?? '',
      specialties: app?.specialties ?? [],
      languages: app?.languages ?? [],
      yearsExperience: app?.years_experience ?? 0,
      country: app?.country ?? '',
      timezone: app?.timezone && app.timezone !== 'UTC' ? app.timezone : (Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC'),
      tagsText: app?.tags.join(', ') ?? '',
      linksText: app?.links.map((l) => l.url).join('\n') ?? '',
    },
  });
  const e = formState.errors;
  const onSubmit = handleSubmit(async ({ tagsText, linksText, ...v }) => {
    setError(null);
    const tags = tagsText
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const links = linksText
      .split('\n')
      .map((u) => u.trim())
      .filter(Boolean)
      .map((url) => ({ label: URL.canParse(url) ? new URL(url).hostname : 'Link', url }));
    const res = await send<{ application: TOwnApplication }>('PUT', '/api/expert/application', { step: 'profile', ...v, tags, links });
    if (!res.ok) return setError(describeError(res.error));
    onSaved(res.data.application);
  });
  const allSpecialties = [...new Set([...specialties, ...(app?.specialties ?? [])])];

  return (
    <form onSubmit={onSubmit} onFocus={resolver.preload} noValidate className="space-y-5">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field label="Name shown to learners" {...register('displayName')} error={e.displayName?.message} />
      <Field label="Headline" {...register('headline')} error={e.headline?.message} hint="One line: what you teach and for whom." />
      <div className="space-y-1.5">
        <label htmlFor="bio" className="block text-sm font-medium">
          Bio
        </label>
        <textarea
          id="bio"
          rows={5}
          className={area}
          aria-invalid={e.bio ? true : undefined}
          aria-describedby={e.bio ? 'bio-error' : undefined}
          {...register('bio')}
        />
        {e.bio ? (
          <p id="bio-error" role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
            {e.bio.message}
          </p>
        ) : null}
      </div>
      <CheckboxGroup
        legend="Specialties"
        options={allSpecialties.map((s) => ({ value: s, label: s }))}
        registration={register('specialties')}
        error={e.specialties?.message}
      />
      <Field
        label="Free tags (comma separated)"
        {...register('tagsText')}
        error={e.tagsText?.message}
        hint="For example: postgres, interviews"
      />
      <CheckboxGroup
        legend="Languages you teach in"
        options={Object.entries(LANGUAGES).map(([value, label]) => ({ value, label }))}
        registration={register('languages')}
        error={e.languages?.message}
        columns="grid-cols-2 sm:grid-cols-4"
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          label="Years of experience"
          type="number"
          min={0}
          max={80}
          {...register('yearsExperience')}
          error={e.yearsExperience?.message}
        />
        <Field label="Country (2 letters)" maxLength={2} {...register('country')} error={e.country?.message} />
        <div className="space-y-1.5">
          <label htmlFor="timezone" className="block text-sm font-medium">
            Time zone
          </label>
          <select id="timezone" className={area} {...register('timezone')}>
            {TIME_ZONES.map((tz) => (
              <option key={tz} value={tz}>
                {tz}
              </option>
            ))}
          </select>
          {e.timezone ? (
            <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
              {e.timezone.message}
            </p>
          ) : null}
        </div>
      </div>
      <div className="space-y-1.5">
        <label htmlFor="linksText" className="block text-sm font-medium">
          Links (one https:// address per line)
        </label>
        <textarea id="linksText" rows={2} className={area} {...register('linksText')} />
      </div>
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? 'Saving…' : 'Save and continue'}
      </Button>
    </form>
  );
}
