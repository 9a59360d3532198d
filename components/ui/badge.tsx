import type { ReactNode } from 'react';
import { cn } from './cn';

export function Badge({ children, tone = 'neutral' }: { children: ReactNode; tone?: 'neutral' | 'brand' | 'success' | 'warning' }) {
  return (
    <span
      className={cn(
        'inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold',
        tone === 'neutral' && 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200',
        tone === 'brand' && 'bg-brand-100 text-brand-800 dark:bg-brand-900 dark:text-brand-100',
        tone === 'success' && 'bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100',
        tone === 'warning' && 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100',
      )}
    >
      {children}
    </span>
  );
}
