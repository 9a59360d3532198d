// The built-in room's access rule as pure functions (no I/O, no zones: instants only). The page, the socket
// namespace and the booking views all ask these, so the rule lives in one place. docs/video.md.

/** Minutes before the start when the room opens. */
export const VIDEO_JOIN_EARLY_MINUTES = 10;
/** Minutes after the end when the room closes. */
export const VIDEO_JOIN_LATE_MINUTES = 30;

export type TRoomRule = { earlyMinutes: number; lateMinutes: number };
export const DEFAULT_ROOM_RULE: TRoomRule = { earlyMinutes: VIDEO_JOIN_EARLY_MINUTES, lateMinutes: VIDEO_JOIN_LATE_MINUTES };

/**
 * Statuses whose room may open. `completed` is there because the sweeper completes a confirmed session at its
 * end (lib/booking/lifecycle.ts), while the room stays open for the late minutes after it.
 */
export const ROOM_STATUSES = ['confirmed', 'completed'] as const;

export type TRoomBooking = { status: string; startMs: number; endMs: number };
export type TRoomState = 'open' | 'too_early' | 'ended' | 'not_confirmed';

/** [opensAt, closesAt): the room is open from opensAt inclusive until closesAt exclusive. */
export function roomWindow(b: Pick<TRoomBooking, 'startMs' | 'endMs'>, rule: TRoomRule = DEFAULT_ROOM_RULE) {
  return { opensAtMs: b.startMs - rule.earlyMinutes * 60_000, closesAtMs: b.endMs + rule.lateMinutes * 60_000 };
}

export function roomState(b: TRoomBooking, nowMs: number, rule: TRoomRule = DEFAULT_ROOM_RULE): TRoomState {
  if (!(ROOM_STATUSES as readonly string[]).includes(b.status)) return 'not_confirmed';
  const { opensAtMs, closesAtMs } = roomWindow(b, rule);
  if (nowMs < opensAtMs) return 'too_early';
  if (nowMs >= closesAtMs) return 'ended';
  return 'open';
}

/** Why a participant may not enter, in words for the page and the socket's refusal. */
export const ROOM_REFUSALS: Record<Exclude<TRoomState, 'open'> | 'not_participant', string> = {
  not_participant: 'Only the learner and the expert of this session may enter its room.',
  not_confirmed: 'The room is only for confirmed sessions.',
  too_early: `The room opens ${VIDEO_JOIN_EARLY_MINUTES} minutes before the start.`,
  ended: 'The room has closed.',
};
