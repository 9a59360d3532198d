'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { formatMoney } from '@/lib/money/format-money';
import { toMajor, toMinor } from '@/lib/money/to-minor';

/** Refund part or all of one payment, with a reason for the audit log (native modal dialog: focus trap, Esc). */
export function PaymentRefund(p: { paymentId: string; refundableMinor: number; currency: string; label: string; note?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const [amount, setAmount] = useState(toMajor(p.refundableMinor, p.currency));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const idBase = `refund-${p.paymentId}`;

  async function submit() {
    const minor = toMinor(amount, p.currency);
    if (minor === null || minor <= 0) return setErrors({ amountMinor: 'Enter an amount above zero.' });
    if (minor > p.refundableMinor) return setErrors({ amountMinor: `At most ${formatMoney(p.refundableMinor, p.currency)}.` });
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      const res = await fetch(`/api/admin/payments/${p.paymentId}/refund`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ amountMinor: minor, reason, key }),
      });
      const body = (await res.json().catch(() => null)) as { error?: { message: string; fields?: Record<string, string> } } | null;
      if (!res.ok) {
        setErrors(body?.error?.fields ?? {});
        setMessage(body?.error?.message ?? `The server answered ${res.status}.`);
        return;
      }
      setKey(crypto.randomUUID());
      ref.current?.close();
      router.refresh();
    } catch {
      setMessage('Could not reach Pathwise. Try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button type="button" variant="secondary" onClick={() => ref.current?.showModal()} aria-label={`Refund ${p.label}`}>
        Refund
      </Button>
      <dialog
        ref={ref}
        aria-labelledby={`${idBase}-title`}
        className="w-[min(28rem,calc(100vw-2rem))] rounded-2xl border border-slate-200 bg-white p-5 text-left text-slate-900 backdrop:bg-slate-950/50 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
      >
        <h2 id={`${idBase}-title`} className="text-lg font-semibold">
          Refund a payment
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {p.label}. Up to {formatMoney(p.refundableMinor, p.currency)} can be refunded
          {p.note ? '.' : '; if the expert was already paid, their share of the refund is taken back from the transfer.'}
        </p>
        {p.note ? (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400" data-testid="refund-package-note">
            {p.note}
          </p>
        ) : null}
        <form
          className="mt-4 space-y-3 text-sm"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <div>
            <label htmlFor={`${idBase}-amount`} className="block font-medium">
              Amount ({p.currency})
            </label>
            <input
              id={`${idBase}-amount`}
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              aria-invalid={!!errors.amountMinor}
              aria-describedby={errors.amountMinor ? `${idBase}-amount-error` : undefined}
              className="mt-1 block w-full rounded-xl border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-700 dark:bg-slate-950"
            />
            {errors.amountMinor ? (
              <p id={`${idBase}-amount-error`} className="mt-1 text-red-700 dark:text-red-400">
                {errors.amountMinor}
              </p>
            ) : null}
          </div>
          <div>
            <label htmlFor={`${idBase}-reason`} className="block font-medium">
              Reason (kept in the audit log)
            </label>
            <textarea
              id={`${idBase}-reason`}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              minLength={3}
              maxLength={500}
              rows={2}
              aria-invalid={!!errors.reason}
              className="mt-1 block w-full rounded-xl border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-700 dark:bg-slate-950"
            />
            {errors.reason ? <p className="mt-1 text-red-700 dark:text-red-400">{errors.reason}</p> : null}
          </div>
          {message ? (
            <p role="alert" className="text-red-700 dark:text-red-400">
              {message}
            </p>
          ) : null}
          <div className="flex flex-col-reverse gap-2 pt-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" type="button" onClick={() => ref.current?.close()}>
              Close
            </Button>
            <Button variant="danger" type="submit" disabled={busy}>
              {busy ? 'Refunding…' : 'Refund'}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
