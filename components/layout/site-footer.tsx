import Link from 'next/link';

export function SiteFooter({ modes }: { modes: string }) {
  return (
    <footer className="border-t border-slate-200 py-8 text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 sm:flex-row sm:justify-between sm:px-6">
        <p>
          © {new Date().getFullYear()} Pathwise · Learn with a plan, get unstuck with an expert. ·{' '}
          <Link href="/privacy" className="underline hover:text-slate-900 dark:hover:text-slate-100">
            Privacy
          </Link>
        </p>
        <p>{modes}</p>
      </div>
    </footer>
  );
}
