'use client';

import { useState, type ReactNode } from 'react';
import { buttonClasses } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';

/**
 * On a phone the directory's filters fold behind one button, so results start on the first screen; from the
 * `sm` breakpoint up the wrapper is `display: contents` and the filters sit in the form's grid as before.
 */
export function MoreFilters({ activeCount, children }: { activeCount: number; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="more-filters"
        onClick={() => setOpen((v) => !v)}
        className={cn(buttonClasses('secondary'), 'w-full sm:hidden')}
      >
        {open ? 'Hide filters' : 'Filters'}
        {activeCount ? (
          <span className="rounded-full bg-brand-100 px-2 text-xs text-brand-800 dark:bg-brand-900 dark:text-brand-100">
            {activeCount} on
          </span>
        ) : null}
      </button>
      <div id="more-filters" className={cn(open ? 'grid' : 'hidden', 'gap-4 sm:contents')}>
        {children}
      </div>
    </>
  );
}
