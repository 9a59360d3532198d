import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';
import { ForgotPasswordForm } from '@/components/auth/forgot-password-form';
import { env, resolveProviders } from '@/lib/config';

export const metadata: Metadata = { title: 'Reset your password' };

export default function ForgotPasswordPage() {
  const outbox = resolveProviders(env()).email === 'outbox';
  return (
    <AuthCard
      title="Reset your password"
      subtitle={
        <>
          Remembered it?{' '}
          <Link href="/sign-in" className="link">
            Sign in
          </Link>
        </>
      }
    >
      <ForgotPasswordForm
        outboxNote={
          outbox
            ? 'Email is in dev-outbox mode (this version has no email sender yet): the message is written to the server’s data folder (DATA_DIR/outbox/); Admin → Outbox shows it with the link masked.'
            : undefined
        }
      />
    </AuthCard>
  );
}
