// The availability editor's limits and time labels, without zod: the /availability page's components import these
// with the page; the schema (editor-schema.ts) loads when the form validates (components/availability/availability-resolver.ts).
export const MAX_RANGES_PER_DAY = 12;
export const MAX_OVERRIDES = 366;

/** "09:30" for 570; 1440 (midnight at the end of the day) is "24:00". */
export function formatMinute(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
