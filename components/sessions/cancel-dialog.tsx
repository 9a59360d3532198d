'use client';

import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { TBookingView, TCancelPreview } from '@/lib/booking/contract';
import { formatMoney } from '@/lib/money/format-money';
import { cancelBooking, cancelPreview } from '@/components/booking/api';

/** Cancel with the policy's refund shown first, in a modal dialog (native <dialog>: focus trap and Esc). */
export function CancelDialog({ booking, onDone, onClose }: { booking: TBookingView; onDone(b: TBookingView): void; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [preview, setPreview] = useState<TCancelPreview | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    ref.current?.showModal();
    let live = true;
    void cancelPreview(booking.id).then((r) => {
      if (!live) return;
      if (r.ok) setPreview(r.data);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [booking.id]);

  async function confirm() {
    setBusy(true);
    const r = await cancelBooking(booking.id, reason);
    setBusy(false);
    if (r.ok) onDone(r.data.booking);
    else setError(r.error.message);
  }

  const refund = preview ? Math.round((booking.priceMinor * preview.refundPercent) / 100) : null;
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="cancel-title"
      className="w-[min(28rem,calc(100vw-2rem))] rounded-2xl border border-slate-200 bg-white p-5 text-slate-900 backdrop:bg-slate-950/50 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id="cancel-title" className="text-lg font-semibold">
        Cancel this session?
      </h2>
      <div className="mt-3 space-y-3 text-sm" data-testid="refund-preview">
        {preview ? (
          <p>
            {preview.rule} You get <span className="font-semibold">{preview.refundPercent}%</span> back
            {refund !== null ? ` (${formatMoney(refund, booking.currency)} of ${formatMoney(booking.priceMinor, booking.currency)})` : ''}.
          </p>
        ) : error ? null : (
          <p className="h-5 w-2/3 animate-pulse rounded bg-slate-200 dark:bg-slate-800" aria-label="Loading the refund" />
        )}
        <label htmlFor="cancel-reason" className="block font-medium">
          Reason (optional, the other side sees it)
        </label>
        <textarea
          id="cancel-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={1000}
          rows={2}
          className="block w-full rounded-xl border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-700 dark:bg-slate-950"
        />
        {error ? (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {error}
          </p>
        ) : null}
      </div>
      <div className="mt-5 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" type="button" onClick={() => ref.current?.close()}>
          Keep the session
        </Button>
        <Button variant="danger" type="button" disabled={busy || !preview} onClick={() => void confirm()}>
          {busy ? 'Cancelling…' : 'Cancel session'}
        </Button>
      </div>
    </dialog>
  );
}
