'use client';

import { useRef } from 'react';
import type { TModuleMastery } from '@/lib/curriculum/mastery';

export type TOutlineItem = { id: string; title: string; done: number; total: number; current: boolean; mastery?: TModuleMastery };

/**
 * Jumps between modules: a sticky side column on wide screens, a compact "Modules" menu pinned under the header on
 * phones. Plain links (#module-…), so they work before hydration; ModuleDisclosure opens the target.
 */
export function ModuleOutline({ items }: { items: TOutlineItem[] }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const list = (compact: boolean) => (
    <ol className={compact ? 'max-h-[60vh] space-y-0.5 overflow-y-auto p-2' : 'space-y-0.5'}>
      {items.map((m, i) => (
        <li key={m.id}>
          <a
            href={`#module-${m.id}`}
            onClick={() => {
              if (compact) menu.current?.removeAttribute('open');
              // The same link again (the module was closed since): no hashchange comes, so send one.
              if (window.location.hash === `#module-${m.id}`) window.dispatchEvent(new HashChangeEvent('hashchange'));
            }}
            aria-current={m.current ? 'step' : undefined}
            className="flex items-baseline gap-2 rounded-lg px-2 py-1.5 text-sm hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600 aria-[current=step]:bg-brand-50 aria-[current=step]:font-semibold dark:hover:bg-slate-800 dark:aria-[current=step]:bg-brand-950"
          >
            <span className="w-5 shrink-0 text-right text-xs tabular-nums text-slate-500 dark:text-slate-400">{i + 1}</span>
            <span className="min-w-0 flex-1 truncate">{m.title}</span>
            <span className="shrink-0 text-xs tabular-nums text-slate-600 dark:text-slate-400">
              {m.done === m.total ? <span aria-label="all lessons done">✓</span> : `${m.done}/${m.total}`}
            </span>
          </a>
        </li>
      ))}
    </ol>
  );
  return (
    <>
      <nav aria-label="Modules" className="hidden lg:block">
        <div className="sticky top-20 max-h-[calc(100vh-6rem)] overflow-y-auto">
          <p className="px-2 pb-2 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">Modules</p>
          {list(false)}
        </div>
      </nav>
      <nav
        aria-label="Modules (menu)"
        className="sticky top-16 z-20 -mx-4 bg-white/95 px-4 py-2 backdrop-blur lg:hidden dark:bg-slate-950/95"
      >
        <details ref={menu} className="rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <summary className="cursor-pointer list-none px-3 py-2 text-sm font-medium">
            Jump to a module <span className="text-slate-500 dark:text-slate-400">({items.length})</span>
          </summary>
          {list(true)}
        </details>
      </nav>
    </>
  );
}
