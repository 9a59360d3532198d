import type { Metadata } from 'next';
import Link from 'next/link';
import { SanctionDecision } from '@/components/admin/sanction-decision';
import { Badge } from '@/components/ui/badge';
import { Container } from '@/components/ui/container';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';
import { loadSanctions } from '@/lib/admin/load-admin-pages';
import { getDb } from '@/lib/db';

export const metadata: Metadata = { title: 'Sanctions — Admin' };

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const STATUS = { pending: 'Appeal pending', upheld: 'Upheld', lifted: 'Lifted' } as const;

export default async function AdminSanctionsPage() {
  const user = await requireRole(['admin'], '/admin/sanctions');
  const sanctions = await loadSanctions(await getDb(), user);
  return (
    <Container>
      <p className="mb-6 text-sm">
        <Link href="/admin" className="link">
          ← Admin
        </Link>
      </p>
      <PageHeader
        title="Sanctions and appeals"
        description="Warnings, pauses and suspensions from the no-show policy; pending appeals first. Times in UTC."
      />
      {sanctions.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No sanctions.</p>
      ) : (
        <ul className="space-y-4">
          {sanctions.map((s) => (
            <li key={s.id} className="card p-4">
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-semibold capitalize">{s.level}</span> for{' '}
                <Link className="link" href={`/experts/${s.expertSlug}`}>
                  {s.expertName}
                </Link>
                <span className="text-sm text-slate-600 dark:text-slate-400">· {dateTime.format(new Date(s.createdAt))}</span>
                {s.appealStatus ? (
                  <Badge tone={s.appealStatus === 'pending' ? 'warning' : 'neutral'}>{STATUS[s.appealStatus]}</Badge>
                ) : null}
              </p>
              <p className="mt-1 text-sm">{s.reason}</p>
              {s.appeal ? (
                <blockquote className="mt-2 border-l-2 border-slate-300 pl-3 text-sm dark:border-slate-700">
                  <p className="font-semibold">Appeal{s.appealedAt ? `, ${dateTime.format(new Date(s.appealedAt))}` : ''}</p>
                  <p className="whitespace-pre-line break-words">{s.appeal}</p>
                </blockquote>
              ) : null}
              {s.appealStatus === 'upheld' || s.appealStatus === 'lifted' ? null : (
                <SanctionDecision sanctionId={s.id} canUphold={s.appealStatus === 'pending'} />
              )}
            </li>
          ))}
        </ul>
      )}
    </Container>
  );
}
