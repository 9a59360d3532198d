import type { Metadata } from 'next';
import { Container } from '@/components/ui/container';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';

export const metadata: Metadata = { title: 'Availability' };

export default async function AvailabilityPage() {
  await requireRole(['expert'], '/availability');
  return (
    <Container>
      <PageHeader title="Availability" description="The weekly hours learners can book, in your own time zone." />
      <EmptyState title="Weekly hours are not set up yet">Booking is not switched on in this release; your availability settings will live here.</EmptyState>
    </Container>
  );
}
