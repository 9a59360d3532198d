'use client';

import { useCallback, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { TBookingView, TSlotsResponse, TSlotView } from '@/lib/booking/contract';
import { rescheduleBooking } from '@/components/booking/api';
import { SlotPicker } from '@/components/booking/slot-picker';
import { SlotSummary } from '@/components/booking/slot-summary';
import { useNow } from '@/components/booking/use-now';

/** Reschedule: the profile's slot picker for this expert and length, then one confirm. */
export function ReschedulePanel({
  booking,
  tz,
  onTz,
  onDone,
  onClose,
}: {
  booking: TBookingView;
  tz: string;
  onTz(tz: string): void;
  onDone(b: TBookingView): void;
  onClose(): void;
}) {
  const [slot, setSlot] = useState<TSlotView | null>(null);
  const [fresh, setFresh] = useState<TSlotsResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const now = useNow();
  const onSelect = useCallback((s: TSlotView | null) => setSlot(s), []);

  async function confirm() {
    if (!slot) return;
    setBusy(true);
    setError(null);
    const r = await rescheduleBooking(booking.id, slot.start);
    setBusy(false);
    if (r.ok) return onDone(r.data.booking);
    if (r.error.code === 'slot_taken') {
      setSlot(null);
      if (r.error.slots) setFresh(r.error.slots);
    }
    setError(r.error.message);
  }

  return (
    <section aria-label="Reschedule" className="space-y-3 rounded-xl border border-slate-200 p-3 dark:border-slate-800">
      <h4 className="font-semibold">Pick a new time</h4>
      <SlotPicker
        slug={booking.expert.slug}
        expertId={booking.expert.id}
        expertName={booking.expert.name}
        expertTimeZone={booking.expert.timeZone}
        offerings={[{ lengthMinutes: booking.lengthMinutes, priceMinor: booking.priceMinor, currency: booking.currency }]}
        timeZone={tz}
        onTimeZoneChange={onTz}
        lengthMinutes={booking.lengthMinutes}
        selected={slot}
        onSelect={onSelect}
        fresh={fresh}
        lockLength
      />
      {slot ? (
        <SlotSummary slot={slot} tz={tz} expertTimeZone={booking.expert.timeZone} expertName={booking.expert.name} now={now} />
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button type="button" disabled={!slot || busy} onClick={() => void confirm()}>
          {busy ? 'Moving…' : 'Move the session here'}
        </Button>
        <Button type="button" variant="ghost" onClick={onClose}>
          Keep the current time
        </Button>
      </div>
    </section>
  );
}
