import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Container } from '@/components/ui/container';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';
import { getDb, withUser } from '@/lib/db';
import { getOwnExpertProfile } from '@/lib/experts/get-own-profile';

export const metadata: Metadata = { title: 'Expert dashboard' };

const STATUS: Record<string, { label: string; tone: 'success' | 'warning' | 'neutral' | 'brand' }> = {
  draft: { label: 'Draft', tone: 'neutral' },
  submitted: { label: 'Under review', tone: 'brand' },
  approved: { label: 'Approved · listed', tone: 'success' },
  rejected: { label: 'Not approved', tone: 'warning' },
  changes_requested: { label: 'Changes requested', tone: 'warning' },
  suspended: { label: 'Suspended', tone: 'warning' },
};

export default async function DashboardPage() {
  const user = await requireRole(['expert'], '/dashboard');
  const profile = await withUser(await getDb(), user, (tx) => getOwnExpertProfile(tx, user.id));
  return (
    <Container>
      <PageHeader title="Expert dashboard" description="Your profile, your upcoming sessions and what learners see." />
      {profile ? (
        <div className="card p-6">
          <div className="flex flex-wrap items-center gap-3">
            <h2 className="text-lg font-semibold">{profile.display_name}</h2>
            <Badge tone={STATUS[profile.status]?.tone ?? 'neutral'}>{STATUS[profile.status]?.label ?? profile.status}</Badge>
          </div>
          <p className="mt-1 text-slate-600 dark:text-slate-400">{profile.headline}</p>
          {profile.status_reason ? <p className="mt-3 text-sm">Note from the review team: {profile.status_reason}</p> : null}
          {profile.status === 'approved' ? (
            <p className="mt-4 text-sm">
              <Link href={`/experts#${profile.slug}`} className="link">See your listing in the directory</Link>
            </p>
          ) : null}
        </div>
      ) : (
        <EmptyState title="Your expert profile is not started">
          Applications (profile, credentials and prices, reviewed by our team) open in the next release. Your account is ready for it.
        </EmptyState>
      )}
    </Container>
  );
}
