'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { sendJson } from '@/components/auth/api-client';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { formatMoney } from '@/lib/money/format-money';
import type { TPurchaseView } from '@/lib/packages/schemas';
import { RemainingCount } from './remaining-count';

const dateLabel = (iso: string) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(iso));

/** /sessions: the learner's packages (sessions left, refund of unused ones) or the expert's buyers (sessions left). */
export function PackagesSummary({ role, purchases }: { role: 'learner' | 'expert'; purchases: TPurchaseView[] }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [note, setNote] = useState<{ tone: 'error' | 'ok'; text: string } | null>(null);
  if (purchases.length === 0) return null;

  async function refund(p: TPurchaseView) {
    const amount = formatMoney(p.refundableMinor, p.currency);
    if (!window.confirm(`Refund your ${p.remaining} unused session${p.remaining === 1 ? '' : 's'} of “${p.title}” (${amount})?`)) return;
    setBusy(p.id);
    setNote(null);
    const res = await sendJson<{ refundMinor: number }>('POST', `/api/packages/purchases/${p.id}/refund`);
    setBusy(null);
    if (!res.ok) return setNote({ tone: 'error', text: res.error.message });
    setNote({ tone: 'ok', text: `Refunded ${formatMoney(res.data.refundMinor, p.currency)} (test mode — simulated).` });
    router.refresh();
  }

  return (
    <section className="card mb-6 p-5" aria-labelledby="packages-summary" data-testid="packages-summary">
      <h2 id="packages-summary" className="text-lg font-semibold">
        {role === 'learner' ? 'My packages' : 'Learners with packages'}
      </h2>
      <ul className="mt-3 divide-y divide-slate-200 dark:divide-slate-800">
        {purchases.map((p) => (
          <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div className="min-w-0">
              <p className="font-medium">
                {p.title}{' '}
                {p.status === 'closed' ? <Badge>closed</Badge> : p.status === 'pending' ? <Badge tone="warning">not paid</Badge> : null}
              </p>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {role === 'learner' ? (
                  <Link href={`/experts/${p.expert.slug}`} className="link">
                    {p.expert.name}
                  </Link>
                ) : (
                  (p.learner?.name ?? 'A former learner')
                )}{' '}
                · {p.lengthMinutes} min · {formatMoney(p.priceMinor, p.currency)}
              </p>
              <p className="text-sm">
                <RemainingCount p={p} />
              </p>
            </div>
            {role === 'learner' && p.checkoutUrl ? (
              <Link href={p.checkoutUrl} className="link text-sm">
                Finish paying
              </Link>
            ) : null}
            {role === 'learner' && p.refundableMinor > 0 && p.refundUntil ? (
              <div className="text-right">
                <Button type="button" variant="secondary" disabled={busy !== null} onClick={() => void refund(p)}>
                  {busy === p.id ? 'Refunding…' : `Refund unused · ${formatMoney(p.refundableMinor, p.currency)}`}
                </Button>
                <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">Until {dateLabel(p.refundUntil)}</p>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {note ? (
        <p role={note.tone === 'error' ? 'alert' : 'status'} className="mt-2 text-sm">
          {note.text}
        </p>
      ) : null}
    </section>
  );
}
