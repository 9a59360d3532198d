import 'server-only';
import type { TQueryable } from '@/lib/db';

export type TAttendanceInterval = { userId: string | null; role: 'learner' | 'expert'; joinedAt: Date; leftAt: Date | null };
export type TAttendanceSummary = {
  /** When this side first entered, or null if never. */
  firstJoinedAt: Date | null;
  /** When this side last left, or null if never joined or still in the room. */
  lastLeftAt: Date | null;
  /** Seconds spent in the room over all stays (an open stay counts up to `now`). */
  seconds: number;
  present: boolean;
};
export type TAttendance = {
  intervals: TAttendanceInterval[];
  learner: TAttendanceSummary;
  expert: TAttendanceSummary;
};

/** A participant entered the room (a socket joined): a new stay. Returns its id for recordLeave. */
export async function recordJoin(
  db: TQueryable,
  a: { bookingId: string; userId: string; role: 'learner' | 'expert'; at?: Date },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'insert into public.video_attendance (booking_id, user_id, role, joined_at) values ($1, $2, $3, $4) returning id',
    [a.bookingId, a.userId, a.role, a.at ?? new Date()],
  );
  return rows[0].id;
}

/** The stay ended (leave, disconnect, room closed). Once: a second call keeps the first time. */
export async function recordLeave(db: TQueryable, id: string, at: Date = new Date()): Promise<void> {
  await db.query('update public.video_attendance set left_at = greatest($2::timestamptz, joined_at) where id = $1 and left_at is null', [
    id,
    at,
  ]);
}

function summarize(list: TAttendanceInterval[], nowMs: number): TAttendanceSummary {
  if (!list.length) return { firstJoinedAt: null, lastLeftAt: null, seconds: 0, present: false };
  const present = list.some((i) => i.leftAt === null);
  // Stays of two tabs may overlap: merge them before counting.
  const spans = list
    .map((i) => [i.joinedAt.getTime(), i.leftAt ? i.leftAt.getTime() : Math.max(nowMs, i.joinedAt.getTime())] as const)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [s, e] = spans[0];
  for (const [a, b] of spans.slice(1)) {
    if (a <= e) e = Math.max(e, b);
    else {
      total += e - s;
      [s, e] = [a, b];
    }
  }
  total += e - s;
  const lastLeft = present ? null : new Date(Math.max(...list.map((i) => i.leftAt!.getTime())));
  return { firstJoinedAt: list[0].joinedAt, lastLeftAt: lastLeft, seconds: Math.round(total / 1000), present };
}

/** Every stay in a booking's room, oldest first, with a summary per side (for settling no-show reports). */
export async function attendanceFor(db: TQueryable, bookingId: string, o: { now?: Date } = {}): Promise<TAttendance> {
  const { rows } = await db.query<{ user_id: string | null; role: 'learner' | 'expert'; joined_at: Date; left_at: Date | null }>(
    'select user_id, role, joined_at, left_at from public.video_attendance where booking_id = $1 order by joined_at, id',
    [bookingId],
  );
  const intervals = rows.map((r) => ({
    userId: r.user_id,
    role: r.role,
    joinedAt: new Date(r.joined_at),
    leftAt: r.left_at ? new Date(r.left_at) : null,
  }));
  const nowMs = (o.now ?? new Date()).getTime();
  return {
    intervals,
    learner: summarize(
      intervals.filter((i) => i.role === 'learner'),
      nowMs,
    ),
    expert: summarize(
      intervals.filter((i) => i.role === 'expert'),
      nowMs,
    ),
  };
}
