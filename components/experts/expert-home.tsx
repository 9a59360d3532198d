import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import type { TOwnApplication } from '@/lib/experts/get-own-application';
import { diffProfileChange } from '@/lib/experts/profile-change';
import { formatMoney } from '@/lib/money/format-money';
import { PendingChanges } from './pending-changes';

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/**
 * An approved (or suspended) expert's dashboard: changes waiting for review, sessions and earnings, and the way
 * to edit the profile. Booking and payments come in later issues, so sessions and earnings say so honestly.
 */
export function ExpertHome({ app }: { app: TOwnApplication }) {
  const changes = app.pending ? diffProfileChange(app, app.pending.proposed) : [];
  const currency = app.offerings[0]?.currency ?? 'USD';
  return (
    <div className="space-y-6">
      {app.status === 'suspended' ? (
        <Alert tone="warning">Your profile is suspended, so it cannot be edited. Contact support to talk about it.</Alert>
      ) : (
        <p>
          <Link href="/dashboard/profile" className={buttonClasses('primary')}>
            Edit profile
          </Link>
          <span className="ml-3 text-sm text-slate-600 dark:text-slate-400">
            Changes to your public profile go to review before learners see them.
          </span>
        </p>
      )}
      {app.pending ? (
        <section className="card p-5 sm:p-6" aria-labelledby="pending">
          <h2 id="pending" className="text-lg font-semibold">
            Changes waiting for review
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Proposed {dateTime.format(app.pending.updated_at)} UTC. Learners see your live profile until the review team accepts these.
          </p>
          <div className="mt-3">
            <PendingChanges changes={changes} caption="Your changes waiting for review" />
          </div>
        </section>
      ) : app.last_change?.status === 'rejected' ? (
        <Alert tone="warning" title="Your last changes were not accepted">
          Reason: {app.last_change.reason}
        </Alert>
      ) : null}
      <div className="grid gap-6 sm:grid-cols-2">
        <section className="card p-5" aria-labelledby="sessions">
          <h2 id="sessions" className="text-lg font-semibold">
            Upcoming sessions
          </h2>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            Learners book the free times your{' '}
            <Link href="/availability" className="link">
              weekly hours
            </Link>{' '}
            offer; every booking is listed under{' '}
            <Link href="/sessions" className="link">
              Sessions
            </Link>
            .
          </p>
        </section>
        <section className="card p-5" aria-labelledby="earnings">
          <h2 id="earnings" className="text-lg font-semibold">
            Earnings
          </h2>
          <p className="mt-2 text-2xl font-bold">{formatMoney(0, currency)}</p>
          <p className="text-sm text-slate-600 dark:text-slate-400">Earned so far. Payments run in test mode until payouts launch.</p>
        </section>
      </div>
    </div>
  );
}
