import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { SignInForm } from '@/components/auth/sign-in-form';
import { Alert } from '@/components/ui/alert';
import { getCurrentUser } from '@/lib/auth/current-user';
import { safeNextPath } from '@/lib/auth/safe-next';
import { homeFor } from '@/lib/auth/schemas';
import { env } from '@/lib/config';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/lib/seed/demo-data';
import { isDemoSeedingOn } from '@/lib/seed/seed-policy';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; reset?: string }> }) {
  const { next, reset } = await searchParams;
  const user = await getCurrentUser();
  if (user) redirect(homeFor(user.role));
  // Shown exactly when the demo accounts are seeded (never on a production install unless SEED_DEMO=true).
  const showDemo = isDemoSeedingOn(env());
  return (
    <AuthCard
      title="Sign in to Pathwise"
      subtitle={
        <>
          New here?{' '}
          <Link href="/sign-up" className="link">
            Create an account
          </Link>
        </>
      }
      aside={
        showDemo ? (
          <Alert tone="info" title="Demo accounts (this install seeds demo data)">
            <ul className="mt-1 space-y-1">
              {Object.entries(DEMO_ACCOUNTS).map(([role, a]) => (
                <li key={role}>
                  <span className="font-semibold capitalize">{role}:</span> <code>{a.email}</code>
                </li>
              ))}
              <li>
                Password for all: <code>{DEMO_PASSWORD}</code>
              </li>
            </ul>
          </Alert>
        ) : null
      }
    >
      {reset ? (
        <div className="mb-5">
          <Alert tone="success">Your password was changed. Sign in with the new one.</Alert>
        </div>
      ) : null}
      <SignInForm next={safeNextPath(next) ?? undefined} />
      <p className="mt-5 text-center text-sm">
        <Link href="/forgot-password" className="link">
          Forgot your password?
        </Link>
      </p>
    </AuthCard>
  );
}
