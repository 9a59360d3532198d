import type { Metadata } from 'next';
import Link from 'next/link';
import { AvailabilityWorkspace } from '@/components/availability/availability-workspace';
import { CalendarConnections } from '@/components/calendar/calendar-connections';
import { buttonClasses } from '@/components/ui/button';
import { Container } from '@/components/ui/container';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/current-user';
import { loadAvailability, todayIn } from '@/lib/availability/store';
import { calendarsOverview } from '@/lib/calendar/manage';
import { env } from '@/lib/config';
import { getDb } from '@/lib/db';
import { isAppError } from '@/lib/http/app-error';

export const metadata: Metadata = { title: 'Availability' };

// The expert's weekly hours, date overrides and booking settings, with the week learners see below.
export default async function AvailabilityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole(['expert'], '/availability');
  const db = await getDb();
  const availability = await loadAvailability(db, user).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'not_found') return null;
    throw e;
  });
  if (!availability) {
    return (
      <Container>
        <PageHeader title="Availability" description="The weekly hours learners can book, in your own time zone." />
        <EmptyState
          title="Set up your profile first"
          action={
            <Link href="/dashboard" className={buttonClasses('primary')}>
              Go to the dashboard
            </Link>
          }
        >
          Availability belongs to your expert profile: start your application, then come back to set your hours.
        </EmptyState>
      </Container>
    );
  }
  return (
    <Container>
      <PageHeader
        title="Availability"
        description={
          <>
            The weekly hours learners can book. Times are in <strong>{availability.timeZone}</strong> (
            <Link href="/dashboard/profile" className="link">
              change your time zone
            </Link>
            ).
          </>
        }
      />
      <div className="space-y-12">
        <AvailabilityWorkspace initial={availability} today={todayIn(availability.timeZone)} realtimeUrl={env().REALTIME_URL ?? null} />
        <CalendarConnections initial={await calendarsOverview(db, user)} flash={flashOf(await searchParams)} />
      </div>
    </Container>
  );
}

/** The outcome of a Connect round trip, from the callback's redirect. */
function flashOf(q: Record<string, string | string[] | undefined>): { tone: 'success' | 'error'; text: string } | null {
  const error = typeof q.calendar_error === 'string' ? q.calendar_error.slice(0, 300) : null;
  if (error) return { tone: 'error', text: `The calendar was not connected: ${error}` };
  if (q.calendar === 'connected') return { tone: 'success', text: 'Calendar connected. Reading your busy times…' };
  return null;
}
