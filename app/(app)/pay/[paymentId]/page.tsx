import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PayPanel } from '@/components/payments/pay-panel';
import { Container } from '@/components/ui/container';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/current-user';
import { getDb } from '@/lib/db';
import { isAppError } from '@/lib/http/app-error';
import { getPayView } from '@/lib/payments/views';

export const metadata: Metadata = { title: 'Pay for your session', robots: { index: false } };

export default async function PayPage({
  params,
  searchParams,
}: {
  params: Promise<{ paymentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { paymentId } = await params;
  const user = await requireUser(`/pay/${encodeURIComponent(paymentId)}`);
  const sp = await searchParams;
  const view = await getPayView(await getDb(), user, paymentId).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'not_found') notFound();
    throw e;
  });
  return (
    <Container>
      <div className="mx-auto max-w-xl">
        <PageHeader
          title={view.mode === 'simulated' ? 'Pay (test mode)' : 'Your payment'}
          description="The price is set by the expert; the commission is included in it, not added on top."
        />
        <PayPanel view={view} returned={sp.returned === '1'} />
      </div>
    </Container>
  );
}
