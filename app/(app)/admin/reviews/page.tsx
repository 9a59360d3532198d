import type { Metadata } from 'next';
import Link from 'next/link';
import { HideReviewForm } from '@/components/reviews/hide-review-form';
import { Stars } from '@/components/reviews/review-list';
import { Badge } from '@/components/ui/badge';
import { Container } from '@/components/ui/container';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';
import { loadAdminReviews } from '@/lib/admin/load-admin-pages';
import { getDb } from '@/lib/db';
import { publishDueReviews } from '@/lib/reviews/publish-due-reviews';

export const metadata: Metadata = { title: 'Reviews — Admin' };

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export default async function AdminReviewsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole(['admin'], '/admin/reviews');
  const hiddenOnly = (await searchParams).hidden === '1';
  const db = await getDb();
  await publishDueReviews(db);
  const reviews = await loadAdminReviews(db, user, { hiddenOnly });
  return (
    <Container>
      <p className="mb-6 text-sm">
        <Link href="/admin" className="link">
          ← Admin
        </Link>
      </p>
      <PageHeader
        title="Reviews"
        description="Learner reviews, newest first. A hidden review leaves the public list and the expert's rating; the reason is kept. Times in UTC."
        actions={
          <Link className="link text-sm" href={hiddenOnly ? '/admin/reviews' : '/admin/reviews?hidden=1'}>
            {hiddenOnly ? 'All reviews' : 'Hidden only'}
          </Link>
        }
      />
      {reviews.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No reviews.</p>
      ) : (
        <ul className="space-y-4">
          {reviews.map((r) => (
            <li key={r.id} className="card p-4">
              <p className="flex flex-wrap items-center gap-2 text-sm">
                {r.rating ? <Stars rating={r.rating} /> : null}
                <span>
                  by <span className="font-semibold">{r.author ?? 'a deleted account'}</span> about{' '}
                  <Link className="link" href={`/experts/${r.expertSlug}`}>
                    {r.expertName}
                  </Link>
                </span>
                <span className="text-slate-600 dark:text-slate-400">· {dateTime.format(new Date(r.createdAt))}</span>
                {r.publishedAt ? <Badge tone="brand">Published</Badge> : <Badge>Waiting (double-blind)</Badge>}
                {r.hidden ? <Badge tone="warning">Hidden</Badge> : null}
              </p>
              <p className="mt-2 whitespace-pre-line break-words">{r.body}</p>
              {r.reply ? <p className="mt-2 border-l-2 border-slate-300 pl-3 text-sm dark:border-slate-700">Reply: {r.reply}</p> : null}
              {r.hidden && r.hiddenReason ? <p className="mt-2 text-sm">Hidden because: {r.hiddenReason}</p> : null}
              <HideReviewForm reviewId={r.id} hidden={r.hidden} />
            </li>
          ))}
        </ul>
      )}
    </Container>
  );
}
