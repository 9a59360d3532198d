import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/layout/site-footer';
import { SiteHeader } from '@/components/layout/site-header';
import { ThemeScript } from '@/components/layout/theme-script';
import { getCurrentUser } from '@/lib/auth/current-user';
import { env, resolveProviders } from '@/lib/config';
import { describeModes } from '@/lib/config/describe-modes';
import { isRoleShellRender } from '@/lib/http/role-shell';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Pathwise — learn with a plan, get unstuck with an expert', template: '%s · Pathwise' },
  description: 'Generate a curriculum for your goal, track your progress, and book 1:1 sessions with vetted experts.',
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#020617' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  // Set per request by server/main.mjs (server/security-headers.mjs): the CSP nonce our inline script needs.
  const h = await headers();
  const nonce = h.get('x-nonce') ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript nonce={nonce} />
      </head>
      <body className="flex min-h-screen flex-col">
        <SiteHeader user={user} nameless={user !== null && isRoleShellRender(h)} />
        <main id="main" className="flex-1">
          {children}
        </main>
        <SiteFooter modes={describeModes(resolveProviders(env()))} />
      </body>
    </html>
  );
}
