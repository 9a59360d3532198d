import type { Metadata } from 'next';
import Link from 'next/link';
import { Container } from '@/components/ui/container';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';
import { getDb } from '@/lib/db';
import { listRates } from '@/lib/rates/rates';
import { RateForm } from './rates-editor';

export const metadata: Metadata = { title: 'Currency rates' };

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export default async function RatesPage() {
  await requireRole(['admin'], '/admin/rates');
  const rates = await listRates(await getDb());
  return (
    <Container>
      <PageHeader
        title="Currency rates"
        description="Units of each currency per 1 US dollar. The directory's price filter and its converted prices (“≈ €37”) use them; a change applies to searches at once. Times in UTC."
      />
      <p className="mb-4 text-sm">
        <Link className="link" href="/admin">
          ← Admin panel
        </Link>
      </p>
      <table className="w-full max-w-2xl text-left text-sm">
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-800">
            <th scope="col" className="py-2 pr-4">
              Currency
            </th>
            <th scope="col" className="py-2 pr-4">
              Per 1 USD
            </th>
            <th scope="col" className="py-2">
              Last changed
            </th>
          </tr>
        </thead>
        <tbody>
          {rates.map((r) => (
            <tr key={r.currency} className="border-b border-slate-100 align-top dark:border-slate-900">
              <th scope="row" className="py-2 pr-4 font-semibold">
                {r.currency}
              </th>
              <td className="py-2 pr-4">
                <RateForm currency={r.currency} perUsd={r.per_usd} />
              </td>
              <td className="py-2 text-slate-600 dark:text-slate-400">
                {dateTime.format(new Date(r.updated_at))}
                {r.updated_by_name ? ` by ${r.updated_by_name}` : ' (seeded)'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-labelledby="add-rate" className="mt-8">
        <h2 id="add-rate" className="text-lg font-semibold">
          Add a currency
        </h2>
        <div className="mt-3">
          <RateForm />
        </div>
      </section>
    </Container>
  );
}
