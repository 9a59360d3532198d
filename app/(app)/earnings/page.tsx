import type { Metadata } from 'next';
import { Container } from '@/components/ui/container';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';

export const metadata: Metadata = { title: 'Earnings' };

export default async function EarningsPage() {
  await requireRole(['expert'], '/earnings');
  return (
    <Container>
      <PageHeader title="Earnings" description="What you have earned from sessions, after the platform commission." />
      <EmptyState title="No earnings yet">Paid sessions and payouts will appear here once booking and payments are switched on.</EmptyState>
    </Container>
  );
}
