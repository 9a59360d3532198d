'use client';

import { useEffect, useState } from 'react';
import { BookingPanel, type TBookingPanelProps } from '@/components/booking/booking-panel';
import { ProfilePackages } from '@/components/packages/profile-packages';
import type { TProfileForLearner } from '@/lib/experts/profile-for-learner';
import type { TPackageView } from '@/lib/packages/schemas';

type TState = { kind: 'loading' } | { kind: 'ready'; data: TProfileForLearner } | { kind: 'failed'; message: string };

async function fetchMine(slug: string): Promise<TState> {
  try {
    const res = await fetch(`/api/experts/${slug}/mine`, { headers: { accept: 'application/json' } });
    const json = await res.json().catch(() => null);
    if (!res.ok) return { kind: 'failed', message: json?.error?.message ?? `The server answered ${res.status}.` };
    return { kind: 'ready', data: json as TProfileForLearner };
  } catch {
    return { kind: 'failed', message: 'Could not reach Pathwise.' };
  }
}

/**
 * The profile's packages and booking panel. The page is the same for every visitor of a role (kept by
 * lib/http/fast-lane.ts), so a learner's own part — their curricula to attach, their packages with this expert and
 * the sessions left on them — is fetched here after hydration, and again after a package session is booked.
 */
export function ProfileBooking({
  packages,
  booking,
}: {
  packages: TPackageView[];
  booking: Omit<TBookingPanelProps, 'curricula' | 'credits' | 'onPackageUsed'>;
}) {
  const learner = booking.viewer === 'learner';
  const [state, setState] = useState<TState>({ kind: 'loading' });
  useEffect(() => {
    if (!learner) return;
    let live = true;
    void fetchMine(booking.slug).then((s) => live && setState(s));
    return () => {
      live = false;
    };
  }, [learner, booking.slug]);
  const mine = state.kind === 'ready' ? state.data : null;
  return (
    <div className="space-y-6" data-learner-part={learner ? state.kind : undefined}>
      {learner && state.kind === 'failed' ? (
        <p role="status" className="text-sm text-amber-800 dark:text-amber-300">
          Your packages and curricula for this expert could not be loaded ({state.message}). You can still book; reload to try again.
        </p>
      ) : null}
      <ProfilePackages slug={booking.slug} packages={packages} mine={mine?.mine ?? []} viewer={booking.viewer} />
      <BookingPanel
        {...booking}
        curricula={mine?.curricula ?? []}
        credits={mine?.credits}
        onPackageUsed={() => void fetchMine(booking.slug).then(setState)}
      />
    </div>
  );
}
