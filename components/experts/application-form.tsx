'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { cn } from '@/components/ui/cn';
import { APPLICATION_STEPS } from '@/lib/experts/application-options';
import type { TOwnApplication } from '@/lib/experts/get-own-application';
import { applyProposed } from '@/lib/experts/profile-change';
import { DocumentsStep } from './documents-step';
import { OfferingsStep } from './offerings-step';
import { ProfileStep } from './profile-step';
import { SubmitStep } from './submit-step';

const EDIT_STEPS = ['Profile', 'Sessions and prices', 'Photo and credentials'] as const;

type TProps = {
  initial: TOwnApplication | null;
  specialties: string[];
  defaultName: string;
  /** The step to open on: a returning applicant lands on the first unfinished one. */
  initialStep?: number;
  /** 'edit': an approved expert's profile, whose public changes go to review (no terms, no submit). */
  mode?: 'apply' | 'edit';
};

/** The multi-step application (or profile editor); each step saves on the server before moving on. */
export function ApplicationForm({ initial, specialties, defaultName, initialStep = 0, mode = 'apply' }: TProps) {
  const router = useRouter();
  const [app, setApp] = useState(initial);
  const [step, setStep] = useState(initialStep);
  const [notice, setNotice] = useState<string | null>(null);
  const steps: readonly string[] = mode === 'edit' ? EDIT_STEPS : APPLICATION_STEPS;
  // In edit mode the form shows what the expert proposed, not the live values learners still see.
  const shown = app && mode === 'edit' ? applyProposed(app, app.pending?.proposed ?? null) : app;
  const saved = (a: TOwnApplication, next?: number) => {
    setApp(a);
    setNotice(
      mode === 'edit'
        ? a.pending
          ? 'Saved for review. Your public profile stays as it is until the review team accepts your changes.'
          : 'Saved. Nothing differs from your public profile, so nothing waits for review.'
        : null,
    );
    if (next !== undefined && next < steps.length) setStep(next);
    router.refresh();
  };
  const canSubmit = !app || ['draft', 'rejected', 'changes_requested'].includes(app.status);

  return (
    <div className="card p-5 sm:p-6">
      <ol className="mb-6 flex flex-wrap gap-2" aria-label={mode === 'edit' ? 'Profile sections' : 'Application steps'}>
        {steps.map((label, i) => (
          <li key={label}>
            <button
              type="button"
              onClick={() => app && setStep(i)}
              disabled={!app && i > 0}
              aria-current={step === i ? 'step' : undefined}
              className={cn(
                'rounded-full px-3 py-1 text-sm font-medium',
                step === i
                  ? 'bg-brand-700 text-white dark:bg-brand-500 dark:text-slate-950'
                  : 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200',
              )}
            >
              {i + 1}. {label}
            </button>
          </li>
        ))}
      </ol>
      {notice ? (
        <div className="mb-4">
          <Alert tone="success">{notice}</Alert>
        </div>
      ) : null}
      <h2 className="mb-4 text-lg font-semibold">{steps[step]}</h2>
      {step === 0 ? (
        <ProfileStep
          key={`p-${app?.pending?.revision ?? 0}`}
          app={shown}
          defaultName={defaultName}
          specialties={specialties}
          onSaved={(a) => saved(a, 1)}
        />
      ) : null}
      {step === 1 && shown ? <OfferingsStep app={shown} onSaved={(a) => saved(a, 2)} /> : null}
      {step === 2 && shown ? (
        <DocumentsStep
          app={shown}
          onUploaded={() => router.refresh()}
          onNext={() => (mode === 'edit' ? router.push('/dashboard') : setStep(3))}
          nextLabel={mode === 'edit' ? 'Back to the dashboard' : 'Continue'}
        />
      ) : null}
      {step === 3 && app && mode === 'apply' ? <SubmitStep app={app} canSubmit={canSubmit} onSaved={(a) => saved(a)} /> : null}
    </div>
  );
}
