import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';

export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg px-4 py-20 text-center">
      <p className="text-sm font-semibold text-brand-700 dark:text-brand-300">404</p>
      <h1 className="mt-2 text-2xl font-bold">We can’t find that page</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-400">The link may be old, or the page moved.</p>
      <Link href="/" className={`${buttonClasses('primary')} mt-8`}>
        Back to Pathwise
      </Link>
    </div>
  );
}
