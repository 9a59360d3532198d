import type { Metadata } from 'next';
import { MoneyBarChart } from '@/components/payments/lazy-money-chart';
import { Badge } from '@/components/ui/badge';
import { Container } from '@/components/ui/container';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';
import { getDb } from '@/lib/db';
import { formatMoney } from '@/lib/money/format-money';
import { loadPayoutAccount } from '@/lib/payments/connect/payout-account';
import { stripeConfigured } from '@/lib/payments/connect/stripe-client';
import { ownExpert } from '@/lib/payments/connect/onboarding';
import { loadOwnEarnings, type TEarningsTotals } from '@/lib/payments/earnings';

export const metadata: Metadata = { title: 'Earnings' };

const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const monthLabel = (m: string) =>
  new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${m}-01T00:00:00Z`));

const STATS: { key: keyof Omit<TEarningsTotals, 'currency'>; label: string; hint: string }[] = [
  { key: 'grossMinor', label: 'Gross', hint: 'What learners paid for your sessions, less refunds' },
  { key: 'commissionMinor', label: 'Commission', hint: 'The platform’s share' },
  { key: 'netMinor', label: 'Net', hint: 'Your share: gross minus commission' },
  { key: 'pendingMinor', label: 'Pending', hint: 'Owed to you, paid after the session is completed' },
  { key: 'paidOutMinor', label: 'Paid out', hint: 'Transferred to your Stripe account or PayPal' },
];

export default async function EarningsPage() {
  const user = await requireRole(['expert'], '/earnings');
  const db = await getDb();
  const expert = await ownExpert(db, user).catch(() => null);
  if (!expert) {
    return (
      <Container>
        <PageHeader title="Earnings" description="What you have earned from sessions, after the platform commission." />
        <EmptyState title="No earnings yet">Create your expert profile from the dashboard first.</EmptyState>
      </Container>
    );
  }
  const earnings = await loadOwnEarnings(db, user, expert.id);
  const account = await loadPayoutAccount(db, expert.id);
  const simulated = !stripeConfigured();
  const hasExpress = !simulated && account?.rail === 'stripe' && !!account.stripe_account_id && account.details_submitted;
  return (
    <Container>
      <PageHeader
        title="Earnings"
        description="What you have earned from sessions, after the platform commission. Amounts come from the payments ledger; months are in UTC."
        actions={
          <div className="flex flex-wrap items-center gap-3">
            {hasExpress ? (
              <a href="/api/expert/payouts/stripe/dashboard" className="link">
                Stripe Express dashboard
              </a>
            ) : null}
            {earnings.sessions.length ? (
              <a href="/api/expert/earnings.csv" className="link" download>
                Download CSV
              </a>
            ) : null}
          </div>
        }
      />
      {simulated ? (
        <p className="mb-4">
          <Badge tone="warning">Test mode</Badge>{' '}
          <span className="text-sm text-slate-600 dark:text-slate-400">Payments are simulated: no real money moved.</span>
        </p>
      ) : null}
      {earnings.totals.length === 0 ? (
        <EmptyState title="No earnings yet">Paid sessions appear here as soon as a learner pays for one.</EmptyState>
      ) : (
        <div className="space-y-8">
          {earnings.totals.map((t) => {
            const months = earnings.months.filter((m) => m.currency === t.currency);
            return (
              <section key={t.currency} aria-labelledby={`totals-${t.currency}`} className="space-y-4">
                <h2 id={`totals-${t.currency}`} className="text-lg font-semibold">
                  {earnings.totals.length > 1 ? `In ${t.currency}` : 'Totals'}
                </h2>
                <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" data-testid={`earnings-totals-${t.currency}`}>
                  {STATS.map((s) => (
                    <div key={s.key} className="card p-4">
                      <dt className="text-sm text-slate-600 dark:text-slate-400" title={s.hint}>
                        {s.label}
                      </dt>
                      <dd className="mt-1 text-xl font-semibold tabular-nums" data-testid={`earnings-${s.key}`}>
                        {formatMoney(t[s.key], t.currency)}
                      </dd>
                    </div>
                  ))}
                </dl>
                {t.inBankMinor ? (
                  <p className="text-sm text-slate-600 dark:text-slate-400">
                    Of what was paid out, {formatMoney(t.inBankMinor, t.currency)} has reached your bank or PayPal.
                  </p>
                ) : null}
                <div className="card p-4">
                  <h3 className="mb-2 text-sm font-semibold">Per month</h3>
                  <MoneyBarChart
                    testId={`earnings-chart-${t.currency}`}
                    label={`Gross, commission and net per month in ${t.currency}`}
                    currency={t.currency}
                    data={months.map((m) => ({
                      label: monthLabel(m.month),
                      gross: m.grossMinor,
                      commission: m.commissionMinor,
                      net: m.netMinor,
                    }))}
                    series={[
                      { key: 'gross', name: 'Gross', color: '#94a3b8' },
                      { key: 'commission', name: 'Commission', color: '#f59e0b' },
                      { key: 'net', name: 'Net', color: '#1558de' },
                    ]}
                  />
                </div>
              </section>
            );
          })}
          <section aria-labelledby="per-session">
            <h2 id="per-session" className="text-lg font-semibold">
              Per session
            </h2>
            <div className="mt-3 overflow-x-auto">
              <table className="w-full min-w-[40rem] text-left text-sm" data-testid="earnings-sessions">
                <thead>
                  <tr className="border-b border-slate-200 dark:border-slate-800">
                    <th scope="col" className="py-2 pr-4">
                      Session (UTC)
                    </th>
                    <th scope="col" className="py-2 pr-4">
                      Status
                    </th>
                    <th scope="col" className="py-2 pr-4 text-right">
                      Gross
                    </th>
                    <th scope="col" className="py-2 pr-4 text-right">
                      Commission
                    </th>
                    <th scope="col" className="py-2 pr-4 text-right">
                      Net
                    </th>
                    <th scope="col" className="py-2 text-right">
                      Payout
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {earnings.sessions.map((s) => (
                    <tr key={`${s.bookingId}-${s.currency}`} className="border-b border-slate-100 dark:border-slate-900">
                      <td className="py-2 pr-4">{s.startsAt ? day.format(new Date(s.startsAt)) : '—'}</td>
                      <td className="py-2 pr-4 capitalize">{s.status?.replace('_', ' ') ?? '—'}</td>
                      <td className="py-2 pr-4 text-right tabular-nums">{formatMoney(s.grossMinor, s.currency)}</td>
                      <td className="py-2 pr-4 text-right tabular-nums">{formatMoney(s.commissionMinor, s.currency)}</td>
                      <td className="py-2 pr-4 text-right font-medium tabular-nums">{formatMoney(s.netMinor, s.currency)}</td>
                      <td className="py-2 text-right">
                        {s.paidOutMinor > 0 ? (
                          <Badge tone="success">Paid out</Badge>
                        ) : s.pendingMinor > 0 ? (
                          <Badge tone="brand">Pending</Badge>
                        ) : (
                          <Badge>—</Badge>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </div>
      )}
    </Container>
  );
}
