import type { Metadata } from 'next';
import Link from 'next/link';
import { PackagesSummary } from '@/components/packages/packages-summary';
import { SessionsView } from '@/components/sessions/sessions-view';
import { Container } from '@/components/ui/container';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';
import { getDb } from '@/lib/db';
import { loadOwnExpertProfile } from '@/lib/experts/load-own';
import { listPurchases } from '@/lib/packages/views';

export const metadata: Metadata = { title: 'Sessions' };

export default async function SessionsPage() {
  const user = await requireRole(['learner', 'expert'], '/sessions');
  const role = user.role === 'expert' ? 'expert' : 'learner';
  // An expert's list follows their own calendar live, even before the first booking.
  const db = await getDb();
  const own = role === 'expert' ? await loadOwnExpertProfile(db, user) : null;
  const purchases = await listPurchases(db, user);
  return (
    <Container>
      <PageHeader
        title={role === 'expert' ? 'Sessions' : 'My sessions'}
        description={
          role === 'expert'
            ? 'Sessions learners have booked with you, in your time zone.'
            : 'Your 1:1 sessions with experts, in your time zone.'
        }
      />
      <p className="-mt-4 mb-6 text-sm">
        <Link
          href="/settings#calendar-feed"
          className="font-medium text-brand-700 underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 dark:text-brand-300"
          data-testid="subscribe-calendar"
        >
          Subscribe in your calendar
        </Link>{' '}
        <span className="text-slate-600 dark:text-slate-400">— a private feed URL that keeps your calendar app up to date.</span>
      </p>
      <PackagesSummary role={role} purchases={purchases} />
      <SessionsView role={role} ownExpertId={own?.id ?? null} />
    </Container>
  );
}
