import { cn } from '@/components/ui/cn';

/** A labelled progress bar whose fill moves to its new value (a CSS transition; none for reduced motion). */
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
      <div
        className={cn(
          'h-full rounded-full transition-[width] duration-500 ease-out motion-reduce:transition-none',
          tone === 'success' ? 'bg-emerald-600' : 'bg-brand-600',
        )}
        style={{ width: `${v}%` }}
      />
    </div>
  );
}
