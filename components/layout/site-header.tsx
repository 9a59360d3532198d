import Link from 'next/link';
import { navFor } from '@/lib/auth/navigation';
import type { TSessionUser } from '@/lib/auth/schemas';
import { buttonClasses } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { NotificationBell } from '@/components/notifications/notification-bell';
import { Logo } from './logo';
import { NavLinks } from './nav-links';
import { ThemeToggle } from './theme-toggle';
import { ViewerName } from './viewer-name';

const ROLE_LABEL = { learner: 'Learner', expert: 'Expert', admin: 'Admin' } as const;

/**
 * `nameless`: a render kept for every visitor of the user's role (lib/http/fast-lane.ts), so the user's name is
 * left out of the HTML and filled in on the client (viewer-name.tsx).
 */
export function SiteHeader({ user, nameless = false }: { user: TSessionUser | null; nameless?: boolean }) {
  const name = user && !nameless ? user.name : null;
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-950/90">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-3 focus:z-50 focus:rounded-lg focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-slate-900"
      >
        Skip to content
      </a>
      <nav aria-label="Main" className="relative mx-auto flex h-16 max-w-6xl items-center gap-2 px-3 sm:gap-4 sm:px-6">
        <Logo />
        <div className="flex flex-1 items-center justify-end gap-0 sm:gap-1 md:justify-between md:pl-6">
          <NavLinks
            items={navFor(user?.role ?? null)}
            signedIn={!!user}
            viewer={user ? { name, role: ROLE_LABEL[user.role] } : undefined}
          />
          <div className="flex items-center gap-0 sm:gap-1">
            <ThemeToggle />
            {user ? (
              <>
                <NotificationBell />
                <span className="hidden text-sm text-slate-600 dark:text-slate-400 lg:inline" data-testid="signed-in-as">
                  <ViewerName name={name} /> <span className="text-slate-500 dark:text-slate-400">· {ROLE_LABEL[user.role]}</span>
                </span>
                {/* On phones the menu lists Settings instead (nav-links.tsx) and the gaps shrink, so the bar with the bell fits 375 px. */}
                <Link href="/settings" className={cn(buttonClasses('ghost'), 'hidden sm:inline-flex')}>
                  Settings
                </Link>
                <form action="/api/auth/sign-out" method="post">
                  <button type="submit" className={cn(buttonClasses('ghost'), 'whitespace-nowrap px-2 sm:px-4')}>
                    Sign out
                  </button>
                </form>
              </>
            ) : (
              <div className="hidden items-center gap-1 md:flex">
                <Link href="/sign-in" className={buttonClasses('ghost')}>
                  Sign in
                </Link>
                <Link href="/sign-up" className={buttonClasses('primary')}>
                  Get started
                </Link>
              </div>
            )}
          </div>
        </div>
      </nav>
    </header>
  );
}
