import type { Metadata } from 'next';
import Link from 'next/link';
import { MoneyBarChart } from '@/components/payments/lazy-money-chart';
import { Badge } from '@/components/ui/badge';
import { Container } from '@/components/ui/container';
import { DataTable, type TColumn } from '@/components/ui/data-table';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';
import { getDb } from '@/lib/db';
import { minorToDecimal } from '@/lib/money/decimal-string';
import { formatMoney } from '@/lib/money/format-money';
import { stripeConfigured } from '@/lib/payments/connect/stripe-client';
import { loadAdminPayments, type TPaymentLine } from '@/lib/payments/reports';
import { CommissionForm } from './commission-editor';

export const metadata: Metadata = { title: 'Payments' };

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
const monthLabel = (m: string) =>
  new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${m}-01T00:00:00Z`));
const paymentColumns: TColumn<TPaymentLine>[] = [
  { header: 'Paid', cell: (p) => (p.paidAt ? when.format(new Date(p.paidAt)) : '—') },
  { header: 'Expert', cell: (p) => p.expertName },
  { header: 'Amount', numeric: true, cell: (p) => formatMoney(p.amountMinor, p.currency) },
  { header: 'Refunded', numeric: true, cell: (p) => formatMoney(p.refundedMinor, p.currency) },
  {
    header: 'State',
    cell: (p) => (
      <>
        {p.status.replace('_', ' ')}
        {p.disputeStatus ? ` · dispute ${p.disputeStatus}` : ''} · transfer {p.transferStatus.replace('_', ' ')}
      </>
    ),
  },
];

function PaymentTable({ rows, caption, testId, empty }: { rows: TPaymentLine[]; caption: string; testId: string; empty: string }) {
  return (
    <DataTable
      caption={caption}
      columns={paymentColumns}
      rows={rows}
      rowKey={(p) => p.paymentId}
      empty={empty}
      testId={testId}
      minWidth="min-w-[36rem]"
      className="mt-3"
    />
  );
}

/** Gross and commission per month or per expert in one currency. */
function CommissionTable<R extends { grossMinor: number; commissionMinor: number }>(props: {
  caption: string;
  first: { header: string; cell: (r: R) => string };
  rows: R[];
  rowKey: (r: R) => string;
  currency: string;
  testId: string;
}) {
  const c = props.currency;
  return (
    <DataTable
      caption={props.caption}
      columns={[
        props.first,
        { header: 'Gross', numeric: true, cell: (r) => formatMoney(r.grossMinor, c) },
        { header: 'Commission', numeric: true, cell: (r) => formatMoney(r.commissionMinor, c) },
      ]}
      rows={props.rows}
      rowKey={props.rowKey}
      testId={props.testId}
      className="max-w-xl"
    />
  );
}

export default async function AdminPaymentsPage() {
  const user = await requireRole(['admin'], '/admin/payments');
  const db = await getDb();
  const { report, rules } = await loadAdminPayments(db, user);
  const currencies = [...new Set(report.byMonth.map((m) => m.currency))];
  return (
    <Container>
      <PageHeader
        title="Payments"
        description="Commission, refunds and disputes from the payments ledger, the ledger's health, and the commission rules. Months are in UTC."
        actions={
          <a href="/api/admin/payments.csv" className="link" download>
            Download payments CSV
          </a>
        }
      />
      <p className="mb-6 flex flex-wrap items-center gap-3 text-sm">
        <Link className="link" href="/admin">
          ← Admin panel
        </Link>
        <Link className="link" href="/admin/payments/all">
          All payments and refunds →
        </Link>
        {stripeConfigured() ? <Badge tone="success">Stripe</Badge> : <Badge tone="warning">Test mode: payments are simulated</Badge>}
      </p>
      <div className="space-y-10">
        <section aria-labelledby="by-month">
          <h2 id="by-month" className="text-lg font-semibold">
            Commission by month
          </h2>
          {currencies.length === 0 ? <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">No payments yet.</p> : null}
          {currencies.map((c) => {
            const months = report.byMonth.filter((m) => m.currency === c);
            return (
              <div key={c} className="mt-3 space-y-3">
                <MoneyBarChart
                  testId={`commission-month-chart-${c}`}
                  label={`Gross and commission per month in ${c}`}
                  currency={c}
                  data={months.map((m) => ({ label: monthLabel(m.month), gross: m.grossMinor, commission: m.commissionMinor }))}
                  series={[
                    { key: 'gross', name: 'Gross', color: '#94a3b8' },
                    { key: 'commission', name: 'Commission', color: '#f59e0b' },
                  ]}
                />
                <CommissionTable
                  caption={`Commission by month in ${c}`}
                  first={{ header: 'Month', cell: (m) => monthLabel(m.month) }}
                  rows={months}
                  rowKey={(m) => m.month}
                  currency={c}
                  testId={`commission-by-month-${c}`}
                />
              </div>
            );
          })}
        </section>
        <section aria-labelledby="by-expert">
          <h2 id="by-expert" className="text-lg font-semibold">
            Commission by expert
          </h2>
          {currencies.length === 0 ? <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">No payments yet.</p> : null}
          {currencies.map((c) => {
            const experts = report.byExpert.filter((e) => e.currency === c);
            return (
              <div key={c} className="mt-3 space-y-3">
                <MoneyBarChart
                  testId={`commission-expert-chart-${c}`}
                  label={`Commission per expert in ${c}`}
                  currency={c}
                  data={experts.slice(0, 12).map((e) => ({ label: e.name, commission: e.commissionMinor }))}
                  series={[{ key: 'commission', name: 'Commission', color: '#f59e0b' }]}
                />
                <CommissionTable
                  caption={`Commission by expert in ${c}`}
                  first={{ header: 'Expert', cell: (e) => e.name }}
                  rows={experts}
                  rowKey={(e) => e.expertId}
                  currency={c}
                  testId={`commission-by-expert-${c}`}
                />
              </div>
            );
          })}
        </section>
        <section aria-labelledby="refunds">
          <h2 id="refunds" className="text-lg font-semibold">
            Refunds
          </h2>
          <PaymentTable rows={report.refunds} caption="Refunded payments" testId="refunds-table" empty="No refunds." />
        </section>
        <section aria-labelledby="disputes">
          <h2 id="disputes" className="text-lg font-semibold">
            Disputes
          </h2>
          <PaymentTable rows={report.disputes} caption="Disputed payments" testId="disputes-table" empty="No disputes." />
        </section>
        <section aria-labelledby="health">
          <h2 id="health" className="text-lg font-semibold">
            Ledger health
          </h2>
          {report.unbalanced.length === 0 ? (
            <p className="mt-2 text-sm" data-testid="ledger-healthy">
              <Badge tone="success">Balanced</Badge> Every booking, payment and posting sums to zero in each currency.
            </p>
          ) : (
            <div role="alert" className="mt-2 text-sm" data-testid="ledger-unbalanced">
              <p className="font-semibold text-red-800 dark:text-red-300">{report.unbalanced.length} ledger groups do not balance:</p>
              <ul className="mt-1 list-inside list-disc font-mono text-xs">
                {report.unbalanced.map((u) => (
                  <li key={`${u.scope}-${u.id}-${u.currency}`}>
                    {u.scope} {u.id}: {minorToDecimal(u.sumMinor, u.currency)} {u.currency}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <DataTable
            caption="Totals per account (positive = debit)"
            showCaption
            columns={[
              { header: 'Account', cell: (a) => a.account, className: 'font-mono text-xs' },
              { header: 'Currency', cell: (a) => a.currency },
              { header: 'Balance', numeric: true, cell: (a) => minorToDecimal(a.totalMinor, a.currency) },
            ]}
            rows={report.accounts}
            rowKey={(a) => `${a.account}-${a.currency}`}
            testId="account-totals"
            className="mt-4 max-w-xl"
          />
        </section>
        <section aria-labelledby="rules">
          <h2 id="rules" className="text-lg font-semibold">
            Commission rules
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            A percentage of the price plus a fixed amount per currency; currencies without a rule use the default (percent only). Changes
            apply to payments started afterwards and are written to the audit log.
          </p>
          <ul className="mt-3 space-y-4">
            {rules.map((r) => (
              <li key={r.currency}>
                <p className="mb-1 text-sm font-semibold">{r.currency === '*' ? 'Default (any currency)' : r.currency}</p>
                <CommissionForm
                  currency={r.currency}
                  percent={minorToDecimal(r.percentBp, 'USD').replace(/\.00$/, '')}
                  fixed={r.currency === '*' ? '0' : minorToDecimal(r.fixedMinor, r.currency)}
                />
              </li>
            ))}
          </ul>
          <div className="mt-6">
            <h3 className="text-sm font-semibold">Add a currency</h3>
            <div className="mt-2">
              <CommissionForm />
            </div>
          </div>
        </section>
      </div>
    </Container>
  );
}
