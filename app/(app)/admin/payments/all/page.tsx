import type { Metadata } from 'next';
import Link from 'next/link';
import { PaymentRefund } from '@/components/admin/payment-refund';
import { Badge } from '@/components/ui/badge';
import { Container } from '@/components/ui/container';
import { PageHeader } from '@/components/ui/page-header';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { requireRole } from '@/lib/auth/current-user';
import { env, resolveProviders } from '@/lib/config';
import { getDb } from '@/lib/db';
import { formatMoney } from '@/lib/money/format-money';
import { listAdminPayments } from '@/lib/payments/views';

export const metadata: Metadata = { title: 'All payments — Admin' };

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

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
      {payments.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No payments yet.</p>
      ) : (
        <ScrollRegion label="Payments">
          <table className="w-full min-w-[48rem] text-left text-sm">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pr-3">When</th>
                <th className="py-2 pr-3">Learner → expert</th>
                <th className="py-2 pr-3 text-right">Amount</th>
                <th className="py-2 pr-3 text-right">Commission</th>
                <th className="py-2 pr-3 text-right">Refunded</th>
                <th className="py-2 pr-3">Status</th>
                <th className="py-2 pr-3">Transfer</th>
                <th className="py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {payments.map((p) => (
                <tr key={p.id} data-testid="admin-payment">
                  <td className="py-2 pr-3 whitespace-nowrap">{dateTime.format(new Date(p.createdAt))}</td>
                  <td className="py-2 pr-3">
                    {p.learnerName ?? 'a deleted account'} → {p.expertName}
                    {p.mode === 'simulated' ? <span className="ml-2 text-xs text-slate-500">(test mode)</span> : null}
                    {p.package ? (
                      <span className="block text-xs text-slate-600 dark:text-slate-400" data-testid="admin-payment-package">
                        Package “{p.package.title}”: {p.package.remaining} of {p.package.sessionCount} sessions left
                      </span>
                    ) : null}
                  </td>
                  <td className="py-2 pr-3 text-right tabular-nums">{formatMoney(p.amountMinor, p.currency)}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{formatMoney(p.commissionMinor, p.currency)}</td>
                  <td className="py-2 pr-3 text-right tabular-nums" data-testid="admin-payment-refunded">
                    {formatMoney(p.refundedMinor, p.currency)}
                  </td>
                  <td className="py-2 pr-3">
                    <Badge>{p.status.replace('_', ' ')}</Badge>
                    {p.disputeStatus ? (
                      <span className="ml-1 text-xs font-semibold text-red-700 dark:text-red-400">dispute {p.disputeStatus}</span>
                    ) : null}
                  </td>
                  <td className="py-2 pr-3">{p.transferStatus.replace('_', ' ')}</td>
                  <td className="py-2 text-right">
                    {p.refundableMinor > 0 ? (
                      <PaymentRefund
                        paymentId={p.id}
                        refundableMinor={p.refundableMinor}
                        currency={p.currency}
                        label={`${formatMoney(p.amountMinor, p.currency)} from ${p.learnerName ?? 'a deleted account'} to ${p.expertName}`}
                        note={
                          p.package
                            ? `A package of ${p.package.sessionCount} sessions: ${p.package.used} used, ${p.package.remaining} unused. Only the unused sessions are refunded: the full amount above voids all ${p.package.remaining}; less voids one session per ${formatMoney(p.package.perSessionMinor, p.currency)} refunded.`
                            : undefined
                        }
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Container>
  );
}
