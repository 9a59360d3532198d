import { addDays as addLocalDays, localDate, startOfLocalDate } from './zoned-time';

export type TWeekRange = {
  /** The Monday that starts the week, YYYY-MM-DD (a local date in the zone). */
  weekStart: string;
  /** The seven local dates, Monday first. */
  days: string[];
  /** Local midnight of the Monday and of the following Monday, as UTC instants (a DST week is 167 or 169 hours). */
  from: number;
  to: number;
};

/** Adds whole days to a YYYY-MM-DD date (calendar arithmetic, no zone involved). */
export function addDays(date: string, n: number): string {
  return addLocalDays(date, n);
}

/** The Monday of the week holding a YYYY-MM-DD date. */
export function mondayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  return addDays(date, -((dow + 6) % 7));
}

/** Local midnight of a date in a zone, as a UTC instant (the slot functions' DST rule: where midnight does not exist, the first instant after). */
export function startOfLocalDay(date: string, timeZone: string): number {
  return startOfLocalDate(timeZone, date);
}

/** The week (Monday to Sunday, in the zone) that holds `date`. */
export function weekRange(date: string, timeZone: string): TWeekRange {
  const weekStart = mondayOf(date);
  const days = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  return { weekStart, days, from: startOfLocalDay(weekStart, timeZone), to: startOfLocalDay(addDays(weekStart, 7), timeZone) };
}

/** The local date of an instant in a zone, YYYY-MM-DD. */
export function localDateOf(instant: number, timeZone: string): string {
  return localDate(timeZone, instant);
}

type TIso = string;
/** GET /api/expert/availability/week: one week of an expert's free slots, live bookings and busy blocks. */
export type TWeekView = {
  /** The expert's profile id: the week view watches `slots.changed` for it. */
  expertId: string;
  timeZone: string;
  weekStart: string;
  days: string[];
  /** Today in the expert's zone (days before it show as past). */
  today: string;
  /** The current week's Monday in the expert's zone, and the last Monday the booking horizon reaches. */
  firstWeek: string;
  lastWeek: string;
  /** False while learners cannot book (profile not approved, hidden or paused): slots are then empty. */
  open: boolean;
  /** Free slots per session length offered (the shortest fallback when none is), or null when they could not be computed. */
  slots: { lengthMinutes: number; slots: { start: TIso; end: TIso }[] }[] | null;
  bookings: { id: string; status: 'held' | 'confirmed'; start: TIso; end: TIso; lengthMinutes: number }[];
  busy: { id: string; source: string; start: TIso; end: TIso }[];
};
