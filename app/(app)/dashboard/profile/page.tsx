import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ApplicationForm } from '@/components/experts/application-form';
import { Alert } from '@/components/ui/alert';
import { Container } from '@/components/ui/container';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';
import { getDb } from '@/lib/db';
import { loadApplicationEditor } from '@/lib/experts/load-own';

export const metadata: Metadata = { title: 'Edit profile' };

// An approved expert's profile editor: the application's steps, whose public changes go to review.
export default async function EditProfilePage() {
  const user = await requireRole(['expert'], '/dashboard/profile');
  const { app, specialties } = await loadApplicationEditor(await getDb(), user);
  if (!app || (app.status !== 'approved' && app.status !== 'suspended')) redirect('/dashboard');
  return (
    <Container>
      <p className="mb-4 text-sm">
        <Link href="/dashboard" className="link">
          ← Dashboard
        </Link>
      </p>
      <PageHeader
        title="Edit profile"
        description="Changes to your name, headline, bio, specialties, prices or photo go to the review team; learners see your live profile until they are accepted."
      />
      {app.status === 'suspended' ? (
        <Alert tone="warning">Your profile is suspended, so it cannot be edited. Contact support to talk about it.</Alert>
      ) : (
        <>
          {app.pending ? (
            <div className="mb-4">
              <Alert title="Changes waiting for review">The form shows your proposed values; saving again updates the proposal.</Alert>
            </div>
          ) : null}
          <ApplicationForm initial={app} defaultName={user.name} specialties={specialties.map((s) => s.label)} mode="edit" />
        </>
      )}
    </Container>
  );
}
