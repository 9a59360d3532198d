import type { Metadata } from 'next';
import Link from 'next/link';
import { PolicyForm } from '@/components/admin/policy-form';
import { Container } from '@/components/ui/container';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';
import { getDb } from '@/lib/db';
import { getPolicy } from '@/lib/policy/get-policy';

export const metadata: Metadata = { title: 'Marketplace policy — Admin' };

export default async function AdminPolicyPage() {
  await requireRole(['admin'], '/admin/policy');
  const policy = await getPolicy(await getDb());
  return (
    <Container>
      <p className="mb-6 text-sm">
        <Link href="/admin" className="link">
          ← Admin
        </Link>
      </p>
      <PageHeader
        title="Marketplace policy"
        description="Refunds on cancellation, the review and no-show windows, and how strikes turn into a warning, a pause and a suspension."
      />
      <div className="max-w-2xl">
        <PolicyForm policy={policy} />
      </div>
    </Container>
  );
}
