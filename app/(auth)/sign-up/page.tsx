import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { getCurrentUser } from '@/lib/auth/current-user';
import { homeFor } from '@/lib/auth/schemas';

export const metadata: Metadata = { title: 'Create your account' };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ as?: string }> }) {
  const { as } = await searchParams;
  const user = await getCurrentUser();
  if (user) redirect(homeFor(user.role));
  return (
    <AuthCard
      title="Create your Pathwise account"
      subtitle={
        <>
          Already have one?{' '}
          <Link href="/sign-in" className="link">
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm accountType={as === 'expert' ? 'expert' : 'learner'} />
    </AuthCard>
  );
}
