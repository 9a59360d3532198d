'use client';

import { AnimatePresence, m } from 'framer-motion';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { buttonClasses } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { MotionFeatures } from '@/components/ui/lazy-motion';
import type { TBookingView, TSlotsResponse, TSlotView } from '@/lib/booking/contract';
import type { TPackageCredit } from '@/lib/experts/profile-for-learner';
import { formatMoney } from '@/lib/money/format-money';
import { PriceBreakdown } from '@/components/payments/price-breakdown';
import { cancelBooking, createBooking, icsUrl, payBooking, payQuote, redeemCredit, type TPayQuote } from './api';
import { SlotPicker, type TOffering } from './slot-picker';
import { SlotSummary } from './slot-summary';
import { useNow } from './use-now';
import { browserZone, dateTimeLabel, timeLabel } from './zoned';

export type TAttachable = { id: string; title: string; modules: { id: string; title: string }[] };

export type TBookingPanelProps = {
  slug: string;
  expertId: string;
  expertName: string;
  expertTimeZone: string;
  offerings: TOffering[];
  viewer: 'anonymous' | 'learner' | 'other';
  curricula: TAttachable[];
  realtimeUrl: string | null;
  /** The learner's paid packages with this expert that still have sessions (lib/packages). */
  credits?: TPackageCredit[];
  /** After a session was booked with a package: the profile fetches the learner's packages again. */
  onPackageUsed?: () => void;
};

type TStage =
  | { kind: 'pick' }
  | { kind: 'held'; booking: TBookingView }
  | { kind: 'confirmed'; booking: TBookingView; viaPackage?: { title: string; remaining: number } };

function Countdown({ until, onExpired }: { until: string; onExpired(): void }) {
  const now = useNow(1000);
  const left = Math.max(0, Math.floor((Date.parse(until) - now) / 1000));
  useEffect(() => {
    if (left === 0) onExpired();
  }, [left, onExpired]);
  return (
    <span
      className="font-mono tabular-nums"
      data-testid="hold-countdown"
      aria-label={`${Math.floor(left / 60)} minutes ${left % 60} seconds left`}
    >
      {String(Math.floor(left / 60)).padStart(2, '0')}:{String(left % 60).padStart(2, '0')}
    </span>
  );
}

/** The profile's booking panel: length, day and slot in the viewer's zone, brief, hold → pay → confirmed. */
export function BookingPanel(p: TBookingPanelProps) {
  const [tz, setTz] = useState(browserZone);
  const [length, setLength] = useState<number | null>(p.offerings[0]?.lengthMinutes ?? null);
  const [slot, setSlot] = useState<TSlotView | null>(null);
  const [brief, setBrief] = useState('');
  const [attach, setAttach] = useState('');
  const [stage, setStage] = useState<TStage>({ kind: 'pick' });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'error' | 'info'; text: string } | null>(null);
  const [fresh, setFresh] = useState<TSlotsResponse | null>(null);
  const [quoted, setQuoted] = useState<{ bookingId: string; quote: TPayQuote; mode: 'stripe' | 'simulated' } | null>(null);
  const heldId = stage.kind === 'held' ? stage.booking.id : null;
  const quote = quoted && quoted.bookingId === heldId ? quoted : null;
  // The price, the commission in it and the expert's share, from the server, before the learner pays.
  useEffect(() => {
    if (!heldId) return;
    let live = true;
    void payQuote(heldId).then((r) => live && r.ok && setQuoted({ bookingId: heldId, ...r.data }));
    return () => {
      live = false;
    };
  }, [heldId]);
  const now = useNow();
  const onSelect = useCallback((s: TSlotView | null) => setSlot(s), []);
  const offering = p.offerings.find((o) => o.lengthMinutes === length) ?? null;
  const signIn = `/sign-in?next=${encodeURIComponent(`/experts/${p.slug}`)}`;
  const router = useRouter();
  const creditFor = (b: TBookingView) => p.credits?.find((c) => c.lengthMinutes === b.lengthMinutes && c.remaining > 0) ?? null;

  async function hold() {
    if (!slot || !length) return;
    setBusy(true);
    setMessage(null);
    const [kind, curriculumId, ...moduleParts] = attach.split(':');
    const res = await createBooking({
      expertSlug: p.slug,
      start: slot.start,
      lengthMinutes: length,
      brief,
      curriculumId: kind ? curriculumId : null,
      moduleId: kind === 'm' ? moduleParts.join(':') : null,
      timeZone: tz,
    });
    setBusy(false);
    if (res.ok) {
      setStage({ kind: 'held', booking: res.data.booking });
      return;
    }
    if (res.error.code === 'slot_taken') {
      setSlot(null);
      if (res.error.slots) setFresh(res.error.slots);
    }
    if (res.error.status === 401) {
      setMessage({ tone: 'error', text: 'Your session ended. Sign in again to book; your note is kept on this page until you leave it.' });
      return;
    }
    setMessage({ tone: 'error', text: res.error.message });
  }

  async function pay(b: TBookingView) {
    setBusy(true);
    setMessage(null);
    const res = await payBooking(b.id);
    if (res.ok && res.data.checkoutUrl) return window.location.assign(res.data.checkoutUrl); // Stripe Checkout or the test-mode page
    setBusy(false);
    if (res.ok) return setStage({ kind: 'confirmed', booking: res.data.booking });
    if (res.error.code === 'hold_expired') {
      setStage({ kind: 'pick' });
      setSlot(null);
    }
    setMessage({ tone: 'error', text: res.error.message });
  }

  async function bookWithCredit(b: TBookingView, c: TPackageCredit) {
    setBusy(true);
    setMessage(null);
    const res = await redeemCredit(c.purchaseId, b.id);
    setBusy(false);
    if (res.ok) {
      setStage({
        kind: 'confirmed',
        booking: res.data.booking,
        viaPackage: { title: c.title, remaining: res.data.purchase?.remaining ?? c.remaining - 1 },
      });
      if (p.onPackageUsed) p.onPackageUsed();
      else router.refresh();
      return;
    }
    if (res.error.code === 'hold_expired') {
      setStage({ kind: 'pick' });
      setSlot(null);
    }
    setMessage({ tone: 'error', text: res.error.message });
  }

  async function release(b: TBookingView) {
    setBusy(true);
    await cancelBooking(b.id, 'Released the hold before paying');
    setBusy(false);
    setStage({ kind: 'pick' });
    setSlot(null);
  }

  const expired = useCallback(() => {
    setStage((s) => (s.kind === 'held' ? { kind: 'pick' } : s));
    setSlot(null);
    setMessage({ tone: 'info', text: 'Your hold expired and the time was released. Pick a time again; your note is still here.' });
  }, []);

  if (stage.kind === 'confirmed') {
    const b = stage.booking;
    return (
      <div className="space-y-3 motion-safe:animate-enter" data-testid="booking-confirmed">
        <p
          role="status"
          className="rounded-xl border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
        >
          <span className="block font-semibold">Booked: {dateTimeLabel(b.start, tz)} your time</span>
          {b.lengthMinutes} min with {p.expertName}.{' '}
          {stage.viaPackage
            ? `Booked with your package “${stage.viaPackage.title}”: ${stage.viaPackage.remaining} session${stage.viaPackage.remaining === 1 ? '' : 's'} left.`
            : 'Paid in test mode (simulated, no card was charged).'}
        </p>
        <a href={icsUrl(b.id)} download={`pathwise-session-${b.id}.ics`} className={buttonClasses('secondary') + ' w-full'}>
          Add to calendar (.ics)
        </a>
        <Link href="/sessions" className={buttonClasses('primary') + ' w-full'}>
          Go to My sessions
        </Link>
      </div>
    );
  }

  return (
    <MotionFeatures>
      <div className="space-y-4" data-testid="booking-panel">
        {stage.kind === 'pick' ? (
          <SlotPicker
            slug={p.slug}
            expertId={p.expertId}
            expertName={p.expertName}
            expertTimeZone={p.expertTimeZone}
            offerings={p.offerings}
            timeZone={tz}
            onTimeZoneChange={setTz}
            lengthMinutes={length}
            onLengthChange={setLength}
            selected={slot}
            onSelect={onSelect}
            fresh={fresh}
            realtimeUrl={p.realtimeUrl}
          />
        ) : null}

        {message ? (
          <p
            role={message.tone === 'error' ? 'alert' : 'status'}
            className={cn(
              'rounded-xl border px-3 py-2 text-sm',
              message.tone === 'error'
                ? 'border-red-200 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100'
                : 'border-brand-200 bg-brand-50 text-brand-900 dark:border-brand-900 dark:bg-brand-950 dark:text-brand-100',
            )}
          >
            {message.text}
          </p>
        ) : null}

        <AnimatePresence initial={false}>
          {slot && stage.kind === 'pick' ? (
            <m.div
              key="details"
              initial={{ opacity: 0, height: 0 }}
              animate={{ opacity: 1, height: 'auto' }}
              exit={{ opacity: 0, height: 0 }}
              className="space-y-3 overflow-hidden"
            >
              <SlotSummary slot={slot} tz={tz} expertTimeZone={p.expertTimeZone} expertName={p.expertName} now={now} />
            </m.div>
          ) : null}
        </AnimatePresence>

        {p.viewer === 'learner' && stage.kind === 'pick' ? (
          <div className="space-y-3">
            <div>
              <label htmlFor="booking-brief" className="block text-sm font-medium">
                What do you want to work on?
              </label>
              <textarea
                id="booking-brief"
                value={brief}
                onChange={(e) => setBrief(e.target.value)}
                maxLength={4000}
                rows={3}
                className="mt-1 block w-full rounded-xl border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-700 dark:bg-slate-950"
                placeholder="e.g. I'm stuck on window functions in module 3"
              />
            </div>
            {p.curricula.length ? (
              <div>
                <label htmlFor="booking-attach" className="block text-sm font-medium">
                  Attach a curriculum (optional)
                </label>
                <select
                  id="booking-attach"
                  value={attach}
                  onChange={(e) => setAttach(e.target.value)}
                  className="mt-1 block w-full rounded-xl border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-950"
                >
                  <option value="">Nothing attached</option>
                  {p.curricula.map((c) => (
                    <optgroup key={c.id} label={c.title}>
                      <option value={`c:${c.id}`}>Whole curriculum: {c.title}</option>
                      {c.modules.map((m) => (
                        <option key={m.id} value={`m:${c.id}:${m.id}`}>
                          Module: {m.title}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
                <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">The expert sees it with your progress on it.</p>
              </div>
            ) : null}
            <button type="button" className={buttonClasses('primary') + ' w-full'} disabled={!slot || busy} onClick={() => void hold()}>
              {busy
                ? 'Holding…'
                : slot && offering
                  ? `Hold this time · ${formatMoney(offering.priceMinor, offering.currency)}`
                  : 'Pick a time to book'}
            </button>
          </div>
        ) : null}

        {stage.kind === 'held' ? (
          <div className="space-y-3" data-testid="booking-held">
            <SlotSummary slot={stage.booking} tz={tz} expertTimeZone={p.expertTimeZone} expertName={p.expertName} now={now} />
            <p className="text-sm">
              Held for you for <Countdown until={stage.booking.holdExpiresAt ?? stage.booking.start} onExpired={expired} />
              {stage.booking.holdExpiresAt ? ` (until ${timeLabel(stage.booking.holdExpiresAt, tz)})` : ''}. Pay to confirm.
            </p>
            {creditFor(stage.booking) ? (
              <button
                type="button"
                className={buttonClasses('primary') + ' w-full'}
                disabled={busy}
                onClick={() => void bookWithCredit(stage.booking, creditFor(stage.booking)!)}
              >
                {busy ? 'Booking…' : `Book with your package (${creditFor(stage.booking)!.remaining} left)`}
              </button>
            ) : null}
            {quote ? (
              <PriceBreakdown {...quote.quote} expertName={p.expertName} />
            ) : (
              <div className="h-28 animate-pulse rounded-xl bg-slate-100 dark:bg-slate-800" aria-label="Loading the price" />
            )}
            <button
              type="button"
              className={buttonClasses(creditFor(stage.booking) ? 'secondary' : 'primary') + ' w-full'}
              disabled={busy}
              onClick={() => void pay(stage.booking)}
            >
              {busy
                ? 'Opening the payment…'
                : quote?.mode === 'stripe'
                  ? `Pay ${formatMoney(stage.booking.priceMinor, stage.booking.currency)} with Stripe`
                  : `Pay ${formatMoney(stage.booking.priceMinor, stage.booking.currency)} (test mode — simulated payment, no card is charged)`}
            </button>
            <button
              type="button"
              className={buttonClasses('ghost') + ' w-full'}
              disabled={busy}
              onClick={() => void release(stage.booking)}
            >
              Pick another time
            </button>
          </div>
        ) : null}

        {p.viewer === 'anonymous' ? (
          <Link href={signIn} className={buttonClasses('primary') + ' w-full'}>
            Sign in to book
          </Link>
        ) : null}
        {p.viewer === 'other' ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Only learner accounts can book sessions.</p>
        ) : null}
      </div>
    </MotionFeatures>
  );
}
