import 'server-only';
import type { TQueryable } from '@/lib/db';
import { roomState, roomWindow, type TRoomRule } from './access-window';
import { roomRule } from './config';

export type TRoomParticipant = { userId: string | null; name: string; timeZone: string };

export type TRoomInfo = {
  bookingId: string;
  role: 'learner' | 'expert';
  userId: string;
  /** The other participant's user id (null when the learner's account was erased). */
  otherUserId: string | null;
  start: string;
  end: string;
  opensAt: string;
  closesAt: string;
  learner: TRoomParticipant;
  expert: TRoomParticipant;
};

export type TRoomRefusal = 'not_found' | 'not_participant' | 'not_confirmed' | 'too_early' | 'ended';
export type TRoomAccess = { ok: true; room: TRoomInfo } | { ok: false; reason: TRoomRefusal };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type TRow = {
  id: string;
  status: string;
  starts_at: Date;
  ends_at: Date;
  learner_id: string | null;
  learner_timezone: string;
  learner_name: string | null;
  expert_user_id: string;
  expert_name: string;
  expert_timezone: string;
};

/**
 * May `userId` enter the room of booking `bookingId` now? Only its learner and its expert (not an admin), only
 * while the booking is confirmed (or completed by the sweeper at its end) and inside the window
 * (lib/video/access-window.ts). Every refusal is a 403 for the page and the socket alike.
 */
export async function roomAccess(
  db: TQueryable,
  userId: string,
  bookingId: string,
  o: { now?: Date; rule?: TRoomRule } = {},
): Promise<TRoomAccess> {
  if (typeof bookingId !== 'string' || !UUID.test(bookingId)) return { ok: false, reason: 'not_found' };
  const { rows } = await db.query<TRow>(
    `select b.id, b.status, b.starts_at, b.ends_at, b.learner_id, b.learner_timezone, u.name as learner_name,
            e.user_id as expert_user_id, e.display_name as expert_name, e.timezone as expert_timezone
       from public.bookings b
       join public.expert_profiles e on e.id = b.expert_id
       left join public.users u on u.id = b.learner_id
      where b.id = $1`,
    [bookingId.toLowerCase()],
  );
  const r = rows[0];
  if (!r) return { ok: false, reason: 'not_found' };
  const role = r.learner_id === userId ? 'learner' : r.expert_user_id === userId ? 'expert' : null;
  if (!role) return { ok: false, reason: 'not_participant' };
  const rule = o.rule ?? roomRule();
  const b = { status: r.status, startMs: new Date(r.starts_at).getTime(), endMs: new Date(r.ends_at).getTime() };
  const state = roomState(b, (o.now ?? new Date()).getTime(), rule);
  if (state !== 'open') return { ok: false, reason: state };
  const w = roomWindow(b, rule);
  return {
    ok: true,
    room: {
      bookingId: r.id,
      role,
      userId,
      otherUserId: role === 'learner' ? r.expert_user_id : r.learner_id,
      start: new Date(b.startMs).toISOString(),
      end: new Date(b.endMs).toISOString(),
      opensAt: new Date(w.opensAtMs).toISOString(),
      closesAt: new Date(w.closesAtMs).toISOString(),
      learner: { userId: r.learner_id, name: r.learner_name ?? 'A former learner', timeZone: r.learner_timezone },
      expert: { userId: r.expert_user_id, name: r.expert_name, timeZone: r.expert_timezone },
    },
  };
}
