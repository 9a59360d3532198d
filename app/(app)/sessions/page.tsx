import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { Container } from '@/components/ui/container';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';

export const metadata: Metadata = { title: 'Sessions' };

export default async function SessionsPage() {
  const user = await requireRole(['learner', 'expert'], '/sessions');
  return (
    <Container>
      <PageHeader title="Sessions" description={user.role === 'expert' ? 'Sessions learners have booked with you.' : 'Your 1:1 sessions with experts.'} />
      <EmptyState
        title="No sessions yet"
        action={
          user.role === 'learner' ? (
            <Link href="/experts" className={buttonClasses('primary')}>
              Find an expert
            </Link>
          ) : undefined
        }
      >
        Booked and past sessions will be listed here, each shown in your time zone.
      </EmptyState>
    </Container>
  );
}
