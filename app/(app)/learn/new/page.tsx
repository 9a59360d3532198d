import type { Metadata } from 'next';
import { connection } from 'next/server';
import { CurriculumForm } from '@/components/curricula/curriculum-form';
import { Container } from '@/components/ui/container';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';
import { env, resolveProviders } from '@/lib/config';

export const metadata: Metadata = { title: 'New curriculum' };

export default async function NewCurriculumPage() {
  await connection();
  await requireRole(['learner'], '/learn/new');
  return (
    <Container>
      <PageHeader
        title="New curriculum"
        description="Tell us your goal and your time. Your request is saved first, so nothing you type is lost."
      />
      <div className="max-w-3xl">
        <CurriculumForm offline={resolveProviders(env()).ai === 'offline'} />
      </div>
    </Container>
  );
}
