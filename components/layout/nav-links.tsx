'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { TNavItem } from '@/lib/auth/navigation';
import { cn } from '@/components/ui/cn';
import { useViewerName } from './viewer-name';

function matches(pathname: string, href: string) {
  return pathname === href || pathname.startsWith(href + '/');
}

/** The most specific link matching the path is the current one (/admin/reviews: "Reviews", not also "Admin"). */
function activeHref(pathname: string, hrefs: string[]): string | undefined {
  return hrefs.filter((h) => matches(pathname, h)).sort((a, b) => b.length - a.length)[0];
}

/**
 * Desktop links inline; on phones a native disclosure (<details>) with the same links — keyboard and
 * screen-reader support come with the element. Keyed by path, so navigating closes it.
 */
export function NavLinks({
  items,
  signedIn,
  viewer,
}: {
  items: TNavItem[];
  signedIn: boolean;
  /** Who is signed in: the name is null on a page kept per role (viewer-name.tsx fills it in). */
  viewer?: { name: string | null; role: string };
}) {
  const pathname = usePathname();
  const viewerName = useViewerName(viewer?.name ?? null);
  const userLabel = viewer ? `${viewerName ?? 'Signed in'} · ${viewer.role}` : undefined;
  // The phone menu also carries what the desktop header shows beside the links (Settings, or signing in).
  const all = signedIn
    ? [...items, { href: '/settings', label: 'Settings' }]
    : [...items, { href: '/sign-in', label: 'Sign in' }, { href: '/sign-up', label: 'Get started' }];
  const active = activeHref(
    pathname,
    all.map((i) => i.href),
  );
  const linkClass = (href: string, phone?: boolean) =>
    cn(
      'rounded-lg px-3 py-2 font-medium',
      phone ? 'block text-base' : 'text-sm',
      href === active
        ? 'bg-brand-50 text-brand-800 dark:bg-brand-950 dark:text-brand-200'
        : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800',
    );
  const current = (href: string) => (href === active ? 'page' : undefined);

  return (
    <>
      <ul className="hidden items-center gap-1 md:flex">
        {items.map((i) => (
          <li key={i.href}>
            <Link href={i.href} className={linkClass(i.href)} aria-current={current(i.href)}>
              {i.label}
            </Link>
          </li>
        ))}
      </ul>
      <details key={pathname} className="group md:hidden">
        <summary
          className="inline-flex h-10 w-10 cursor-pointer list-none items-center justify-center rounded-xl text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800 [&::-webkit-details-marker]:hidden"
          aria-label="Menu"
        >
          <svg
            aria-hidden="true"
            viewBox="0 0 24 24"
            className="h-6 w-6"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
          >
            <path className="group-open:hidden" d="M4 7h16M4 12h16M4 17h16" />
            <path className="hidden group-open:block" d="M6 6l12 12M18 6L6 18" />
          </svg>
        </summary>
        <div
          id="mobile-menu"
          className="absolute inset-x-0 top-16 z-40 border-b border-slate-200 bg-white px-4 pb-4 pt-2 shadow-lg dark:border-slate-800 dark:bg-slate-900"
        >
          {userLabel ? <p className="px-3 py-2 text-sm text-slate-600 dark:text-slate-400">{userLabel}</p> : null}
          <ul className="flex flex-col gap-1">
            {all.map((i) => (
              <li key={i.href}>
                <Link href={i.href} className={linkClass(i.href, true)} aria-current={current(i.href)}>
                  {i.label}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      </details>
    </>
  );
}
