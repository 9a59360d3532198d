'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { postJson } from '@/components/auth/api-client';
import { useRealtime } from '@/components/realtime/use-realtime';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import type { TPublicModule } from '@/lib/curriculum/hide-answers';
import type { TCurriculumStatus } from '@/lib/curriculum/schemas';
import { ProgressBar } from './progress-bar';

type TProps = {
  curriculumId: string;
  status: TCurriculumStatus;
  error: string | null;
  modules: TPublicModule[];
  expected: number;
  realtime: { url: string | null; sinceSeq: number };
};

/** While a curriculum is generated: a progress bar, modules as they stream in, skeletons for the rest; on failure, why and Retry. */
export function GenerationView(p: TProps) {
  const router = useRouter();
  const [status, setStatus] = useState(p.status);
  const [error, setError] = useState(p.error);
  const [modules, setModules] = useState<TPublicModule[]>(p.modules);
  const [renderedWith] = useState(p.modules.length);
  const [expected, setExpected] = useState(Math.max(1, p.expected));
  const [retrying, setRetrying] = useState(false);

  useRealtime((e) => {
    if (e.payload.curriculumId !== p.curriculumId) return;
    if (e.type === 'curriculum.module') {
      const index = Number(e.payload.index);
      setModules((ms) => {
        const next = ms.slice(0, index);
        next[index] = e.payload.module as TPublicModule;
        return next;
      });
      if (typeof e.payload.expected === 'number') setExpected((x) => Math.max(x, Number(e.payload.expected), index + 1));
    } else if (e.type === 'curriculum.status') {
      const s = e.payload.status as TCurriculumStatus;
      setStatus(s);
      if (e.payload.restarted) setModules([]);
      if (s === 'failed') setError(String(e.payload.error ?? 'Generation failed.'));
      if (s === 'ready') router.refresh();
    }
  }, p.realtime);

  // Fallback when the realtime connection is down: poll the saved state.
  useEffect(() => {
    if (status === 'ready' || status === 'failed') return;
    const t = setInterval(async () => {
      if (document.documentElement.dataset.realtime === 'connected') return;
      const res = await fetch(`/api/curricula/${p.curriculumId}`).catch(() => null);
      if (!res?.ok) return;
      const body = (await res.json()) as { status: TCurriculumStatus; error: string | null; partialModules: TPublicModule[] };
      setModules((ms) => (body.partialModules.length > ms.length ? body.partialModules : ms));
      setStatus(body.status);
      setError(body.error);
      if (body.status === 'ready') router.refresh();
    }, 2000);
    return () => clearInterval(t);
  }, [status, p.curriculumId, router]);

  async function retry() {
    setRetrying(true);
    const res = await postJson(`/api/curricula/${p.curriculumId}/retry`, {});
    setRetrying(false);
    if (!res.ok) {
      setError(res.error.message);
      return;
    }
    setError(null);
    setModules([]);
    setStatus('queued');
  }

  const percent = status === 'ready' ? 100 : Math.min(95, (modules.length / expected) * 100);
  return (
    <div className="space-y-6">
      {status === 'failed' ? (
        <Alert tone="error" title="The curriculum could not be generated">
          <p>{error ?? 'Something went wrong.'}</p>
          <p className="mt-2">Your request is saved; retrying uses it as it is.</p>
          <Button className="mt-3" onClick={retry} disabled={retrying}>
            {retrying ? 'Retrying…' : 'Retry'}
          </Button>
        </Alert>
      ) : (
        <div className="card space-y-3 p-5" aria-live="polite">
          <p className="text-sm font-medium">
            {status === 'queued' ? 'Waiting to start…' : `Generating… ${modules.length} of about ${expected} modules`}
          </p>
          <ProgressBar value={percent} label="Generation progress" />
        </div>
      )}
      <ol className="space-y-4">
        {modules.map((m, i) => (
          // Modules that stream in after the page rendered fade in; those it rendered with do not.
          <li key={m.id} data-module-index={i} className={cn('card p-5', i >= renderedWith && 'motion-safe:animate-enter')}>
            <p className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">Module {i + 1}</p>
            <h2 className="mt-1 text-lg font-semibold">{m.title}</h2>
            <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{m.summary}</p>
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
              {m.lessons.length} lessons · {m.estimatedHours} h
            </p>
          </li>
        ))}
        {status !== 'failed'
          ? Array.from({ length: Math.max(0, expected - modules.length) }, (_, i) => (
              <li key={`skeleton-${i}`} aria-hidden className="card animate-pulse space-y-3 p-5">
                <div className="h-3 w-24 rounded bg-slate-200 dark:bg-slate-800" />
                <div className="h-5 w-2/3 rounded bg-slate-200 dark:bg-slate-800" />
                <div className="h-3 w-full rounded bg-slate-200 dark:bg-slate-800" />
              </li>
            ))
          : null}
      </ol>
    </div>
  );
}
