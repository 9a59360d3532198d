'use client';

import { buttonClasses } from '@/components/ui/button';
import { timeLabel } from '@/components/booking/zoned';
import { useNow } from '@/components/booking/use-now';
import type { TBookingView } from '@/lib/booking/contract';

/** "Join" for the built-in room: a link while the room is open, a disabled button saying when it opens before. */
export function JoinButton({ booking, tz }: { booking: TBookingView; tz: string }) {
  const now = useNow(15_000);
  if (!booking.joinUrl || !booking.joinOpensAt || !booking.joinClosesAt) return null;
  const opens = Date.parse(booking.joinOpensAt);
  if (now >= Date.parse(booking.joinClosesAt)) return null;
  if (now < opens)
    return (
      <button type="button" disabled className={buttonClasses('primary')} title={`The room opens at ${timeLabel(opens, tz)}`}>
        Join (opens {timeLabel(opens, tz)})
      </button>
    );
  // A full page load, not a client-side navigation: only the room's own document may use the camera
  // (its Permissions-Policy, server/security-headers.mjs).
  return (
    <a href={booking.joinUrl} className={buttonClasses('primary')} data-testid="join-session">
      Join
    </a>
  );
}
