import type { ButtonHTMLAttributes } from 'react';
import { cn } from './cn';

export type TButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

export const buttonClasses = (variant: TButtonVariant = 'primary', size: 'md' | 'lg' = 'md') =>
  cn(
    'inline-flex items-center justify-center gap-2 rounded-xl font-semibold transition-colors disabled:cursor-not-allowed disabled:opacity-60',
    size === 'lg' ? 'px-5 py-3 text-base' : 'px-4 py-2 text-sm',
    variant === 'primary' && 'bg-brand-700 text-white hover:bg-brand-800 dark:bg-brand-500 dark:text-slate-950 dark:hover:bg-brand-400',
    variant === 'secondary' &&
      'border border-slate-300 bg-white text-slate-900 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800',
    variant === 'ghost' && 'text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800',
    variant === 'danger' && 'bg-red-700 text-white hover:bg-red-800',
  );

export function Button({
  variant = 'primary',
  size = 'md',
  className,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: TButtonVariant; size?: 'md' | 'lg' }) {
  return <button className={cn(buttonClasses(variant, size), className)} {...props} />;
}
