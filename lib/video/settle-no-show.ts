// Settling a no-show report by the room's join and leave times (issue #13). Pure: the caller loads the
// attendance (lib/video/attendance.ts) and applies the verdict (lib/video/no-show-settlement.ts).
//
// The rule, in order:
//   no_data        the session did not use the built-in room (Zoom / Meet) or no attendance was recorded
//                  for it at all: the report stands as filed, for an admin to judge.
//   contradicted   the side reported absent was in the room for at least `minMinutes` (within the room's
//                  window): the report is flagged and does not count (no no-show status, no strike).
//   nobody_joined  neither side joined: the report stands (the session did not happen) but is flagged.
//   reporter_absent the reporter never joined while the other side did, for less than `minMinutes`:
//                  stands, flagged for an admin.
//   confirmed      the reporter joined and the other side was there less than `minMinutes`: the report stands.

export type TSide = 'learner' | 'expert';
export type TAttendanceInterval = { role: TSide; joinedAt: Date; leftAt: Date | null };
export type TNoShowVerdict = 'confirmed' | 'contradicted' | 'nobody_joined' | 'reporter_absent' | 'no_data';
export type TSettlement = { verdict: TNoShowVerdict; minutes: Record<TSide, number>; joined: Record<TSide, boolean> };

/** Presence counts only inside the room's window (by default 10 minutes before the start to 30 after the end). */
const DEFAULT_WINDOW = { earlyMinutes: 10, lateMinutes: 30 };

/**
 * Whole minutes one side was present inside [from, to]: the union of its intervals (two tabs or a reconnect
 * overlap, and are not counted twice), an open interval lasting until `nowMs`.
 */
export function minutesPresent(intervals: TAttendanceInterval[], role: TSide, from: number, to: number, nowMs: number): number {
  const spans = intervals
    .filter((i) => i.role === role)
    .map((i) => [Math.max(from, i.joinedAt.getTime()), Math.min(to, i.leftAt ? i.leftAt.getTime() : nowMs)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of spans) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return Math.floor(total / 60_000);
}

export function settleNoShow(input: {
  absentRole: TSide;
  attendance: TAttendanceInterval[] | null;
  startMs: number;
  endMs: number;
  nowMs: number;
  minMinutes: number;
  window?: { earlyMinutes: number; lateMinutes: number };
}): TSettlement {
  const { absentRole, attendance, startMs, endMs, nowMs, minMinutes } = input;
  const w = input.window ?? DEFAULT_WINDOW;
  const from = startMs - w.earlyMinutes * 60_000;
  const to = endMs + w.lateMinutes * 60_000;
  const list = attendance ?? [];
  const minutes = {
    learner: minutesPresent(list, 'learner', from, to, nowMs),
    expert: minutesPresent(list, 'expert', from, to, nowMs),
  };
  const inWindow = (r: TSide) =>
    list.some((i) => i.role === r && i.joinedAt.getTime() <= to && (i.leftAt ?? new Date(nowMs)).getTime() >= from);
  const joined = { learner: inWindow('learner'), expert: inWindow('expert') };
  const reporter: TSide = absentRole === 'learner' ? 'expert' : 'learner';
  let verdict: TNoShowVerdict;
  if (attendance === null) verdict = 'no_data';
  else if (minutes[absentRole] >= minMinutes) verdict = 'contradicted';
  else if (!joined.learner && !joined.expert) verdict = 'nobody_joined';
  else if (!joined[reporter]) verdict = 'reporter_absent';
  else verdict = 'confirmed';
  return { verdict, minutes, joined };
}

export const VERDICT_TEXT: Record<TNoShowVerdict, string> = {
  confirmed: 'Attendance confirms the report: the other side did not stay in the room.',
  contradicted: 'Attendance contradicts the report: the side reported absent was in the room.',
  nobody_joined: 'Nobody joined the room.',
  reporter_absent: 'The person who reported did not join the room either.',
  no_data: 'No attendance was recorded (the session did not use the Pathwise room).',
};
