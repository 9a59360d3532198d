import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ExpertProfileView } from '@/components/experts/expert-profile-view';
import { Alert } from '@/components/ui/alert';
import { Container } from '@/components/ui/container';
import { requireRole } from '@/lib/auth/current-user';
import { getDb } from '@/lib/db';
import { loadOwnApplication } from '@/lib/experts/load-own';

export const metadata: Metadata = { title: 'Profile preview' };

export default async function PreviewPage() {
  const user = await requireRole(['expert'], '/dashboard/preview');
  const app = await loadOwnApplication(await getDb(), user);
  if (!app) redirect('/dashboard');
  return (
    <Container>
      <div className="mb-6">
        <Alert title="Preview">
          This is how learners will see your profile{app.status === 'approved' ? '' : ' once it is approved'}.
          {app.pending ? ' Your changes waiting for review are not shown until the review team accepts them.' : ''}{' '}
          <Link className="link" href="/dashboard">
            Back to the dashboard
          </Link>
        </Alert>
      </div>
      <ExpertProfileView
        p={{ ...app, rating_avg: null, rating_count: 0, has_photo: false, next_available_at: null }}
        cta={<p className="text-sm text-slate-600 dark:text-slate-400">Learners book here.</p>}
      />
    </Container>
  );
}
