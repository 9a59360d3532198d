import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { Container } from '@/components/ui/container';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';

export const metadata: Metadata = { title: 'Learn' };

export default async function LearnPage() {
  const user = await requireRole(['learner'], '/learn');
  return (
    <Container>
      <PageHeader title={`Welcome, ${user.name.split(' ')[0]}`} description="Your curricula, what to do today, and how you are pacing." />
      <EmptyState
        title="No curricula yet"
        action={
          <Link href="/experts" className={buttonClasses('secondary')}>
            Browse experts meanwhile
          </Link>
        }
      >
        The curriculum generator is not switched on in this release yet. When it is, the plans you create will appear here with your
        progress.
      </EmptyState>
    </Container>
  );
}
