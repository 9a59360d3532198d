'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { cn } from '@/components/ui/cn';
import type { TOwnApplication } from '@/lib/experts/get-own-application';
import { DocumentsStep } from './documents-step';
import { OfferingsStep } from './offerings-step';
import { ProfileStep } from './profile-step';
import { SubmitStep } from './submit-step';

const STEPS = ['Profile', 'Sessions and prices', 'Credentials', 'Terms and submit'] as const;

/** The multi-step application; each step saves a draft on the server before moving on. */
export function ApplicationForm({ initial, specialties, defaultName }: { initial: TOwnApplication | null; specialties: string[]; defaultName: string }) {
  const router = useRouter();
  const [app, setApp] = useState(initial);
  const [step, setStep] = useState(0);
  const saved = (a: TOwnApplication, next?: number) => {
    setApp(a);
    if (next !== undefined) setStep(next);
    router.refresh();
  };
  const canSubmit = !app || ['draft', 'rejected', 'changes_requested'].includes(app.status);

  return (
    <div className="card p-5 sm:p-6">
      <ol className="mb-6 flex flex-wrap gap-2" aria-label="Application steps">
        {STEPS.map((label, i) => (
          <li key={label}>
            <button
              type="button"
              onClick={() => app && setStep(i)}
              disabled={!app && i > 0}
              aria-current={step === i ? 'step' : undefined}
              className={cn(
                'rounded-full px-3 py-1 text-sm font-medium',
                step === i ? 'bg-brand-700 text-white dark:bg-brand-500 dark:text-slate-950' : 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200',
              )}
            >
              {i + 1}. {label}
            </button>
          </li>
        ))}
      </ol>
      <h2 className="mb-4 text-lg font-semibold">{STEPS[step]}</h2>
      {step === 0 ? <ProfileStep app={app} defaultName={defaultName} specialties={specialties} onSaved={(a) => saved(a, 1)} /> : null}
      {step === 1 && app ? <OfferingsStep app={app} onSaved={(a) => saved(a, 2)} /> : null}
      {step === 2 && app ? <DocumentsStep app={app} onUploaded={() => router.refresh()} onNext={() => setStep(3)} /> : null}
      {step === 3 && app ? <SubmitStep app={app} canSubmit={canSubmit} onSaved={(a) => saved(a)} /> : null}
    </div>
  );
}
