import { TZDate } from '@date-fns/tz';

const DAY_MS = 86_400_000;

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
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the week holding a YYYY-MM-DD date. */
export function mondayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  return addDays(date, -((dow + 6) % 7));
}

/** Local midnight of a date in a zone, as a UTC instant (where midnight does not exist, the first instant of the day). */
export function startOfLocalDay(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime();
}

/** The week (Monday to Sunday, in the zone) that holds `date`. */
export function weekRange(date: string, timeZone: string): TWeekRange {
  const weekStart = mondayOf(date);
  const days = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  return { weekStart, days, from: startOfLocalDay(weekStart, timeZone), to: startOfLocalDay(addDays(weekStart, 7), timeZone) };
}

/** The local date of an instant in a zone, YYYY-MM-DD. */
export function localDateOf(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

type TIso = string;
/** GET /api/expert/availability/week: one week of an expert's free slots, live bookings and busy blocks. */
export type TWeekView = {
  timeZone: string;
  weekStart: string;
  days: string[];
  /** The current week's Monday in the expert's zone, and the last Monday the booking horizon reaches. */
  firstWeek: string;
  lastWeek: string;
  /** Free slots per session length offered (the shortest fallback when none is), or null when they could not be computed. */
  slots: { lengthMinutes: number; slots: { start: TIso; end: TIso }[] }[] | null;
  bookings: { id: string; status: 'held' | 'confirmed'; start: TIso; end: TIso; lengthMinutes: number }[];
  busy: { id: string; source: string; start: TIso; end: TIso }[];
};

