import { bookingForActor } from '@/lib/booking/access';
import { icsFor, loadParticipants } from '@/lib/booking/participants';
import { route, type TAuthedContext } from '@/lib/http/route';
import { ANY_ROLE } from '@/lib/auth/permissions';

// GET /api/bookings/:id/ics – the session's calendar file (stable UID, SEQUENCE, METHOD:CANCEL once cancelled)
export const GET = route(
  async ({ db, user, params }: TAuthedContext<{ id: string }>) => {
    const { row } = await bookingForActor(db, user, params.id);
    const body = icsFor(row, await loadParticipants(db, row));
    return new Response(body, {
      headers: {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': `attachment; filename="pathwise-session-${row.id.slice(0, 8)}.ics"`,
        'cache-control': 'no-store',
      },
    });
  },
  { roles: ANY_ROLE },
);
