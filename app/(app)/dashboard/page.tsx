import type { Metadata } from 'next';
import Link from 'next/link';
import { ApplicationForm } from '@/components/experts/application-form';
import { ExpertHome } from '@/components/experts/expert-home';
import { ReconnectBanner } from '@/components/calendar/reconnect-banner';
import { PayoutsCard } from '@/components/payments/payouts-card';
import { ExpertPackages } from '@/components/packages/expert-packages';
import { StandingPanel } from '@/components/reviews/standing-panel';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Container } from '@/components/ui/container';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';
import { reconnectNeeded } from '@/lib/calendar/manage';
import { getDb } from '@/lib/db';
import { firstUnfinishedStep } from '@/lib/experts/application-progress';
import { STATUS_LABELS } from '@/lib/experts/application-status';
import { loadApplicationEditor } from '@/lib/experts/load-own';
import { loadPayoutAccount, payoutCard } from '@/lib/payments/connect/payout-account';
import { listOwnPackages } from '@/lib/packages/manage';
import { listPurchases } from '@/lib/packages/views';

export const metadata: Metadata = { title: 'Expert dashboard' };

const TONE = {
  draft: 'neutral',
  submitted: 'brand',
  approved: 'success',
  rejected: 'warning',
  changes_requested: 'warning',
  suspended: 'warning',
} as const;
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ payouts?: string | string[] }> }) {
  const user = await requireRole(['expert'], '/dashboard');
  const db = await getDb();
  const { app, specialties, notes } = await loadApplicationEditor(db, user, { notifications: 5 });
  const reconnect = await reconnectNeeded(db, user.id);
  const listed = app?.status === 'approved' || app?.status === 'suspended';
  const payouts = app && listed ? payoutCard(await loadPayoutAccount(db, app.id)) : null;
  const returned = (await searchParams).payouts;
  const packages = app && listed ? { own: await listOwnPackages(db, user), sales: await listPurchases(db, user) } : null;
  return (
    <Container>
      <PageHeader
        title="Expert dashboard"
        description={listed ? 'Your profile, sessions and earnings.' : 'Your application, your public profile and what learners see.'}
        actions={
          app ? (
            <Link href="/dashboard/preview" className="link">
              Preview your profile
            </Link>
          ) : null
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <ReconnectBanner items={reconnect} />
          {app ? (
            <section className="card p-5 sm:p-6" aria-labelledby="status">
              <div className="flex flex-wrap items-center gap-3">
                <h2 id="status" className="text-lg font-semibold">
                  {app.display_name}
                </h2>
                <Badge tone={TONE[app.status]}>{STATUS_LABELS[app.status]}</Badge>
                {app.hidden ? <Badge tone="warning">Hidden by an admin</Badge> : null}
              </div>
              <p className="mt-1 text-slate-600 dark:text-slate-400">{app.headline}</p>
              {app.status_reason ? <p className="mt-3 text-sm">Note from the review team: {app.status_reason}</p> : null}
              {app.status === 'approved' ? (
                <p className="mt-4 text-sm">
                  <Link href={`/experts/${app.slug}`} className="link">
                    See your public profile
                  </Link>
                </p>
              ) : null}
              {app.status === 'submitted' ? (
                <p className="mt-3 text-sm">Our team reviews applications oldest first, usually within two working days.</p>
              ) : null}
            </section>
          ) : (
            <Alert title="Apply to teach on Pathwise">
              Fill in your profile, your prices and your credentials. Each step is saved as a draft.
            </Alert>
          )}
          {payouts ? <PayoutsCard card={payouts} returned={typeof returned === 'string' ? returned : null} /> : null}
          {app && listed ? <StandingPanel user={user} /> : null}
          {app && listed ? (
            <ExpertHome app={app} />
          ) : (
            <ApplicationForm
              initial={app}
              defaultName={user.name}
              specialties={specialties.map((s) => s.label)}
              initialStep={firstUnfinishedStep(app)}
            />
          )}
          {app && listed && packages ? (
            <ExpertPackages
              packages={packages.own}
              sales={packages.sales}
              offerings={app.offerings.map((o) => ({ lengthMinutes: o.duration_minutes, priceMinor: o.price_minor, currency: o.currency }))}
            />
          ) : null}
        </div>
        <aside aria-labelledby="notes" className="card h-fit p-5">
          <h2 id="notes" className="text-lg font-semibold">
            Notifications
          </h2>
          {notes.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">Nothing yet.</p>
          ) : (
            <ul className="mt-3 space-y-3">
              {notes.map((n) => (
                <li key={n.id} className="text-sm">
                  <p className="font-medium">{n.title}</p>
                  <p className="whitespace-pre-line text-slate-600 dark:text-slate-400">{n.body}</p>
                  <p className="text-xs text-slate-600 dark:text-slate-400">{dateTime.format(n.created_at)} UTC</p>
                </li>
              ))}
            </ul>
          )}
        </aside>
      </div>
    </Container>
  );
}
