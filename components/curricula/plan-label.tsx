import { Alert } from '@/components/ui/alert';
import type { TPlanMeta } from '@/lib/curriculum/schemas';

const SHAPE_LABEL: Record<TPlanMeta['shape'], string> = {
  exam: 'exam preparation',
  language: 'language course',
  programming: 'concepts, practice and a project',
  training: 'training plan',
  instrument: 'daily practice routine',
  project: 'plan, do, review',
  'soft-skill': 'learn, rehearse, apply',
};

/** What the learner should know about how the plan was made: the subject it matched, its shape, who wrote it. */
export function planLabel(meta: TPlanMeta | undefined, provider: 'openai' | 'offline'): string {
  const by = (meta?.generator ?? (provider === 'offline' ? 'offline' : 'model')) === 'offline' ? 'planned offline' : 'written by AI';
  if (!meta) return provider === 'offline' ? 'Planned offline' : 'Written by AI';
  if (meta.subject) return `Matched to ${meta.subject.name} · ${SHAPE_LABEL[meta.shape]} · ${by}`;
  return `${capitalize(SHAPE_LABEL[meta.shape])} · ${by}`;
}
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function PlanLabel({ meta, provider, language }: { meta: TPlanMeta | undefined; provider: 'openai' | 'offline'; language: string }) {
  const untailored = meta && !meta.subject && meta.generator === 'offline';
  return (
    <div className="space-y-2" data-testid="plan-label">
      <p className="text-sm text-slate-700 dark:text-slate-300">{planLabel(meta, provider)}</p>
      {untailored ? <Alert tone="info">Topics were not tailored to this goal; links are web searches.</Alert> : null}
      {meta?.languageFallback ? <Alert tone="info">This plan is in English: it could not be written in {language} yet.</Alert> : null}
      {meta?.caveat ? (
        <Alert tone="warning" title="Before you start">
          {meta.caveat}
        </Alert>
      ) : null}
      {meta?.warnings?.length ? (
        <Alert tone="info">
          <ul className="list-disc pl-5">
            {meta.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
    </div>
  );
}
