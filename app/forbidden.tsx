import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-lg px-4 py-20 text-center">
      <p className="text-sm font-semibold text-brand-700 dark:text-brand-300">403</p>
      <h1 className="mt-2 text-2xl font-bold">You don’t have access to this page</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-400">
        Your account’s role does not include it. If you think it should, ask an administrator.
      </p>
      <Link href="/" className={`${buttonClasses('primary')} mt-8`}>
        Go to your home page
      </Link>
    </div>
  );
}
