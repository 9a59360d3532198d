'use client';

import { useState } from 'react';
import type { TAvailability } from '@/lib/availability/editor-schema';
import { AvailabilityEditor } from './availability-editor';
import { WeekView } from './week-view';

/** The editor and the week view below it; a save, or a booking change anywhere, refreshes the week. */
export function AvailabilityWorkspace({
  initial,
  today,
  realtimeUrl,
}: {
  initial: TAvailability;
  today: string;
  realtimeUrl: string | null;
}) {
  const [saves, setSaves] = useState(0);
  return (
    <div className="space-y-12">
      <AvailabilityEditor initial={initial} today={today} onSaved={() => setSaves((n) => n + 1)} />
      <WeekView timeZone={initial.timeZone} refreshKey={saves} realtimeUrl={realtimeUrl} />
    </div>
  );
}
