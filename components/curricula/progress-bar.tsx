'use client';

import { motion } from 'framer-motion';

/** A labelled progress bar whose fill moves to its new value. */
export function ProgressBar({ value, label, tone = 'brand' }: { value: number; label: string; tone?: 'brand' | 'success' }) {
  const v = Math.max(0, Math.min(100, value));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(v)}
      className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
    >
      <motion.div
        className={tone === 'success' ? 'h-full rounded-full bg-emerald-600' : 'h-full rounded-full bg-brand-600'}
        initial={false}
        animate={{ width: `${v}%` }}
        transition={{ type: 'spring', stiffness: 120, damping: 20 }}
      />
    </div>
  );
}
