'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { TNavItem } from '@/lib/auth/navigation';
import { cn } from '@/components/ui/cn';

function isActive(pathname: string, href: string) {
  return pathname === href || pathname.startsWith(href + '/');
}

/** Desktop links inline; on phones a menu button that opens the same links as a panel. */
export function NavLinks({ items, signedIn, userLabel }: { items: TNavItem[]; signedIn: boolean; userLabel?: string }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    // Navigating closes the phone menu.
    setShownFor(pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  const linkClass = (href: string) =>
    cn(
      'rounded-lg px-3 py-2 text-sm font-medium',
      isActive(pathname, href)
        ? 'bg-brand-50 text-brand-800 dark:bg-brand-950 dark:text-brand-200'
        : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800',
    );

  return (
    <>
      <ul className="hidden items-center gap-1 md:flex">
        {items.map((i) => (
          <li key={i.href}>
            <Link href={i.href} className={linkClass(i.href)} aria-current={isActive(pathname, i.href) ? 'page' : undefined}>
              {i.label}
            </Link>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="inline-flex h-10 w-10 items-center justify-center rounded-xl text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800 md:hidden"
        aria-expanded={open}
        aria-controls="mobile-menu"
        aria-label={open ? 'Close menu' : 'Open menu'}
        onClick={() => setOpen((o) => !o)}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          {open ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
        </svg>
      </button>
      {open ? (
        <div id="mobile-menu" className="absolute inset-x-0 top-16 z-40 border-b border-slate-200 bg-white px-4 pb-4 pt-2 shadow-lg dark:border-slate-800 dark:bg-slate-900 md:hidden">
          {userLabel ? <p className="px-3 py-2 text-sm text-slate-600 dark:text-slate-400">{userLabel}</p> : null}
          <ul className="flex flex-col gap-1">
            {items.map((i) => (
              <li key={i.href}>
                <Link href={i.href} className={cn(linkClass(i.href), 'block text-base')} aria-current={isActive(pathname, i.href) ? 'page' : undefined}>
                  {i.label}
                </Link>
              </li>
            ))}
            {!signedIn ? (
              <>
                <li>
                  <Link href="/sign-in" className={cn(linkClass('/sign-in'), 'block text-base')}>
                    Sign in
                  </Link>
                </li>
                <li>
                  <Link href="/sign-up" className={cn(linkClass('/sign-up'), 'block text-base')}>
                    Get started
                  </Link>
                </li>
              </>
            ) : null}
          </ul>
        </div>
      ) : null}
    </>
  );
}
