import 'server-only';
import type { TDb } from '@/lib/db';
import { logger } from '@/lib/log/logger';
import { zoomConfig, type TVideoProvider } from './providers';
import { createZoomMeeting, deleteZoomMeeting, updateZoomMeeting, ZoomError, type TZoomConfig } from './zoom';

type TMeetingRow = {
  id: string;
  status: string;
  starts_at: Date;
  duration_minutes: number;
  sequence: number;
  video_provider: TVideoProvider | null;
  meeting_id: string | null;
  meeting_synced_sequence: number | null;
  offering_provider: TVideoProvider | null;
  expert_name: string;
  learner_name: string | null;
};

const load = async (db: TDb, id: string) =>
  (
    await db.query<TMeetingRow>(
      `select b.id, b.status, b.starts_at, b.duration_minutes, b.sequence, b.video_provider, b.meeting_id, b.meeting_synced_sequence,
              o.video_provider as offering_provider, e.display_name as expert_name, u.name as learner_name
         from public.bookings b join public.expert_profiles e on e.id = b.expert_id
         left join public.expert_offerings o on o.expert_id = b.expert_id and o.duration_minutes = b.duration_minutes
         left join public.users u on u.id = b.learner_id
        where b.id = $1`,
      [id],
    )
  ).rows[0];

const input = (b: TMeetingRow) => ({
  topic: `Pathwise session: ${b.learner_name ?? 'learner'} with ${b.expert_name}`,
  start: new Date(b.starts_at),
  durationMinutes: b.duration_minutes,
  // The brief stays in Pathwise: Zoom gets a title and a time, nothing the learner wrote.
  agenda: 'A 1:1 session booked on Pathwise.',
});

/**
 * Brings a booking's meeting in line with the booking as it is now (not with the change that queued the job),
 * so jobs may run in any order, twice, or after a crash: confirmed and no meeting → create; confirmed and the
 * meeting older than the booking's sequence → update the time; cancelled or expired with a meeting → delete.
 * Completed and no-show sessions keep theirs. Zoom is never called inside a database transaction; each write
 * is conditional on the state it was decided from, and a meeting created by a run that lost a race is deleted.
 */
export async function syncMeeting(db: TDb, bookingId: string, opts: { zoom?: TZoomConfig | null } = {}): Promise<void> {
  const zoom = opts.zoom === undefined ? zoomConfig() : opts.zoom;
  for (let round = 0; round < 3; round++) {
    const b = await load(db, bookingId);
    if (!b) return;
    if (b.status === 'cancelled' || b.status === 'expired') {
      if (b.meeting_id && b.video_provider === 'zoom' && zoom) await guarded(db, b, () => deleteZoomMeeting(zoom, b.meeting_id!));
      if (b.meeting_id)
        await db.query(
          'update public.bookings set meeting_id = null, meeting_join_url = null, meeting_synced_sequence = null where id = $1 and meeting_id = $2',
          [b.id, b.meeting_id],
        );
      return;
    }
    if (b.status !== 'confirmed') return;
    const chosen: TVideoProvider = b.video_provider ?? b.offering_provider ?? 'builtin';
    if (chosen !== 'zoom' || !zoom) {
      // Google Meet links come with the calendar integration (docs/video.md); until then, and when Zoom is not
      // configured, the session uses the built-in room.
      const note =
        chosen === 'builtin'
          ? null
          : `${chosen === 'zoom' ? 'Zoom' : 'Google Meet'} is not configured; the session uses the Pathwise room.`;
      await db.query("update public.bookings set video_provider = 'builtin', meeting_error = $2 where id = $1 and video_provider is null", [
        b.id,
        note,
      ]);
      return;
    }
    if (!b.meeting_id) {
      const created = await guarded(db, b, () => createZoomMeeting(zoom, input(b)));
      if (!created) return;
      const { rows } = await db.query(
        `update public.bookings set video_provider = 'zoom', meeting_id = $2, meeting_join_url = $3, meeting_synced_sequence = $4, meeting_error = null
          where id = $1 and meeting_id is null and status = 'confirmed' returning id`,
        [b.id, created.id, created.joinUrl, b.sequence],
      );
      if (!rows.length)
        await deleteZoomMeeting(zoom, created.id).catch((err: unknown) => logger().warn({ err }, 'zoom: orphan delete failed'));
      continue; // the booking may have moved while Zoom answered: look again
    }
    if ((b.meeting_synced_sequence ?? -1) < b.sequence) {
      const ok = await guarded(db, b, async () => {
        await updateZoomMeeting(zoom, b.meeting_id!, input(b));
        return true;
      });
      if (!ok) return;
      await db.query(
        `update public.bookings set meeting_synced_sequence = greatest(coalesce(meeting_synced_sequence, -1), $3), meeting_error = null
          where id = $1 and meeting_id = $2`,
        [b.id, b.meeting_id, b.sequence],
      );
      continue;
    }
    return;
  }
}

/**
 * Runs one Zoom call. A failure a retry can fix is thrown (the job queue retries with backoff); one it cannot
 * (Zoom refused the request) is kept on the booking for the UI and logged, and the job ends.
 */
async function guarded<T>(db: TDb, b: TMeetingRow, fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    await db.query('update public.bookings set meeting_error = $2 where id = $1', [b.id, message.slice(0, 500)]);
    if (e instanceof ZoomError && !e.retryable) {
      logger().warn({ bookingId: b.id, status: e.status, zoomCode: e.zoomCode }, 'zoom refused a meeting change');
      return null;
    }
    throw e;
  }
}
