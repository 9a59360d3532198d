import Link from 'next/link';

export function Logo() {
  return (
    <Link href="/" className="flex items-center gap-2 rounded-lg font-bold tracking-tight text-slate-900 dark:text-white">
      <svg aria-hidden="true" viewBox="0 0 32 32" className="h-8 w-8">
        <rect width="32" height="32" rx="9" className="fill-brand-700 dark:fill-brand-500" />
        <path d="M8 22c4-1 5-5 8-8s6-4 8-4" fill="none" stroke="white" strokeWidth="2.6" strokeLinecap="round" />
        <circle cx="24" cy="10" r="2.6" fill="white" />
        <circle cx="8" cy="22" r="2.2" fill="white" />
      </svg>
      <span className="text-lg">Pathwise</span>
    </Link>
  );
}
