import type { Metadata } from 'next';
import Link from 'next/link';
import { PaymentRefund } from '@/components/admin/payment-refund';
import { Badge } from '@/components/ui/badge';
import { Container } from '@/components/ui/container';
import { DataTable, type TColumn } from '@/components/ui/data-table';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';
import { env, resolveProviders } from '@/lib/config';
import { getDb } from '@/lib/db';
import { formatMoney } from '@/lib/money/format-money';
import { listAdminPayments, type TAdminPayment } from '@/lib/payments/views';

export const metadata: Metadata = { title: 'All payments — Admin' };

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

const from = (p: TAdminPayment) => p.learnerName ?? 'a deleted account';

const columns: TColumn<TAdminPayment>[] = [
  { header: 'When', cell: (p) => dateTime.format(new Date(p.createdAt)), className: 'whitespace-nowrap' },
  {
    header: 'Learner → expert',
    cell: (p) => (
      <>
        {from(p)} → {p.expertName}
        {p.mode === 'simulated' ? <span className="ml-2 text-xs text-slate-500">(test mode)</span> : null}
        {p.package ? (
          <span className="block text-xs text-slate-600 dark:text-slate-400" data-testid="admin-payment-package">
            Package “{p.package.title}”: {p.package.remaining} of {p.package.sessionCount} sessions left
          </span>
        ) : null}
      </>
    ),
  },
  { header: 'Amount', numeric: true, cell: (p) => formatMoney(p.amountMinor, p.currency) },
  { header: 'Commission', numeric: true, cell: (p) => formatMoney(p.commissionMinor, p.currency) },
  { header: 'Refunded', numeric: true, cell: (p) => formatMoney(p.refundedMinor, p.currency), testId: 'admin-payment-refunded' },
  {
    header: 'Status',
    cell: (p) => (
      <>
        <Badge>{p.status.replace('_', ' ')}</Badge>
        {p.disputeStatus ? (
          <span className="ml-1 text-xs font-semibold text-red-700 dark:text-red-400">dispute {p.disputeStatus}</span>
        ) : null}
      </>
    ),
  },
  { header: 'Transfer', cell: (p) => p.transferStatus.replace('_', ' ') },
  {
    header: 'Actions',
    hideHeader: true,
    className: 'text-right',
    cell: (p) =>
      p.refundableMinor > 0 ? (
        <PaymentRefund
          paymentId={p.id}
          refundableMinor={p.refundableMinor}
          currency={p.currency}
          label={`${formatMoney(p.amountMinor, p.currency)} from ${from(p)} to ${p.expertName}`}
          note={
            p.package
              ? `A package of ${p.package.sessionCount} sessions: ${p.package.used} used, ${p.package.remaining} unused. Only the unused sessions are refunded: the full amount above voids all ${p.package.remaining}; less voids one session per ${formatMoney(p.package.perSessionMinor, p.currency)} refunded.`
              : undefined
          }
        />
      ) : null,
  },
];

export default async function AdminPaymentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireRole(['admin'], '/admin/payments/all');
  const disputed = (await searchParams).disputed === '1';
  const payments = await listAdminPayments(await getDb(), user, { disputed });
  const mode = resolveProviders(env()).payments;
  return (
    <Container>
      <p className="mb-6 text-sm">
        <Link href="/admin/payments" className="link">
          ← Payments
        </Link>
      </p>
      <PageHeader
        title="All payments"
        description={`Newest first, times in UTC. ${mode === 'simulated' ? 'Payments: test mode — no Stripe key set (simulated, no processor fee).' : 'Payments: Stripe.'} A disputed payment's transfer to the expert is held until the dispute closes.`}
        actions={
          <Link className="link text-sm" href={disputed ? '/admin/payments/all' : '/admin/payments/all?disputed=1'}>
            {disputed ? 'All payments' : 'Disputed only'}
          </Link>
        }
      />
      <DataTable
        caption={disputed ? 'Disputed payments' : 'Payments'}
        columns={columns}
        rows={payments}
        rowKey={(p) => p.id}
        empty="No payments yet."
        rowTestId="admin-payment"
        minWidth="min-w-[48rem]"
      />
    </Container>
  );
}
