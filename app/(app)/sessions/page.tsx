import type { Metadata } from 'next';
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
      <PackagesSummary role={role} purchases={purchases} />
      <SessionsView role={role} ownExpertId={own?.id ?? null} />
    </Container>
  );
}
