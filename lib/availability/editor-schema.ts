import { z } from 'zod';
import { formatMinute, MAX_OVERRIDES, MAX_RANGES_PER_DAY } from './editor-limits';
import { ZAvailabilitySettings, type TDateOverride, type TMinuteRange, type TWeeklyRule } from './types';

// The availability editor's shape (the /availability form and PUT /api/expert/availability), built from the
// contract in types.ts with messages a person can act on. The form runs this same schema in the browser, so
// field paths here are the form's field names: `weekly.5.ranges.1.startMinute`.

export { formatMinute, MAX_OVERRIDES, MAX_RANGES_PER_DAY } from './editor-limits';
const DAY_MS = 86_400_000;

const ZMinute = (what: string, max: number) =>
  z
    .number({ error: `Enter ${what} time.` })
    .int({ error: `Enter ${what} time.` })
    .min(0, { error: `Enter ${what} time.` })
    .max(max, { error: `Enter ${what} time.` });

export const ZEditorRange = z
  .object({ startMinute: ZMinute('a start', 1439), endMinute: ZMinute('an end', 1440) })
  .refine((r) => r.startMinute < r.endMinute, { message: 'The end must be after the start.', path: ['endMinute'] });

/** A day's ranges: at most 12, none overlapping another (the later one carries the error). */
export const ZDayRanges = z
  .array(ZEditorRange)
  .max(MAX_RANGES_PER_DAY, { error: `Use at most ${MAX_RANGES_PER_DAY} time ranges a day.` })
  .superRefine((ranges, ctx) => {
    ranges.forEach((r, i) => {
      const other = ranges.findIndex((o, j) => j !== i && o.startMinute < r.endMinute && r.startMinute < o.endMinute);
      // Report each overlapping pair once, on the range that comes later in the list.
      if (other !== -1 && other < i) {
        ctx.addIssue({ code: 'custom', path: [i, 'startMinute'], message: `This range overlaps ${describeRange(ranges[other])}.` });
      }
    });
  });

export const ZEditorDay = z.object({ weekday: z.number().int().min(1).max(7), ranges: ZDayRanges });

export const ZEditorOverride = z.object({ date: z.iso.date({ error: 'Choose a date.' }), ranges: ZDayRanges });

export const ZEditorSettings = ZAvailabilitySettings.extend({
  bufferBeforeMinutes: z
    .number({ error: 'Enter minutes.' })
    .int({ error: 'Use whole minutes.' })
    .min(0, { error: 'Use 0 or more.' })
    .max(240, { error: 'Use at most 240 minutes.' }),
  bufferAfterMinutes: z
    .number({ error: 'Enter minutes.' })
    .int({ error: 'Use whole minutes.' })
    .min(0, { error: 'Use 0 or more.' })
    .max(240, { error: 'Use at most 240 minutes.' }),
  minNoticeMinutes: z
    .number({ error: 'Enter minutes.' })
    .int({ error: 'Use whole minutes.' })
    .min(0, { error: 'Use 0 or more.' })
    .max(43200, { error: 'Use at most 43,200 minutes (30 days).' }),
  horizonDays: z
    .number({ error: 'Enter days.' })
    .int({ error: 'Use whole days.' })
    .min(1, { error: 'Use at least 1 day.' })
    .max(365, { error: 'Use at most 365 days.' }),
  maxPerDay: z
    .number({ error: 'Enter a number, or leave it empty.' })
    .int({ error: 'Use a whole number.' })
    .min(1, { error: 'Use at least 1, or leave it empty.' })
    .max(48, { error: 'Use at most 48.' })
    .nullable(),
  slotIntervalMinutes: z.union([z.literal(5), z.literal(10), z.literal(15), z.literal(20), z.literal(30), z.literal(60)], {
    error: 'Choose an interval.',
  }),
});

export const ZAvailabilityInput = z
  .object({
    weekly: z.array(ZEditorDay).max(7),
    overrides: z.array(ZEditorOverride).max(MAX_OVERRIDES, { error: `Use at most ${MAX_OVERRIDES} date overrides.` }),
    settings: ZEditorSettings,
  })
  .superRefine((v, ctx) => {
    const weekdays = new Set<number>();
    v.weekly.forEach((d, i) => {
      if (weekdays.has(d.weekday))
        ctx.addIssue({ code: 'custom', path: ['weekly', i, 'weekday'], message: 'This weekday is listed twice.' });
      weekdays.add(d.weekday);
    });
    // Read at parse time, so a long-open form is judged against today. A day of slack either side covers
    // every zone's "today".
    const today = Date.now();
    const earliest = isoDate(today - 2 * DAY_MS);
    const latest = isoDate(today + 366 * DAY_MS);
    const seen = new Set<string>();
    v.overrides.forEach((o, i) => {
      if (seen.has(o.date))
        ctx.addIssue({ code: 'custom', path: ['overrides', i, 'date'], message: 'Another override already uses this date.' });
      else if (o.date < earliest || o.date > latest)
        ctx.addIssue({ code: 'custom', path: ['overrides', i, 'date'], message: 'Choose a date within the next year.' });
      seen.add(o.date);
    });
  });

export type TAvailabilityInput = z.infer<typeof ZAvailabilityInput>;

/** What the editor loads: the saved availability in the expert's zone, with the lengths they offer. */
export type TAvailability = TAvailabilityInput & {
  timeZone: string;
  offerings: { lengthMinutes: number; priceMinor: number; currency: string }[];
};

/** The contract's flat rules from the editor's days. */
export function toWeeklyRules(weekly: TAvailabilityInput['weekly']): TWeeklyRule[] {
  return weekly
    .flatMap((d) => d.ranges.map((r) => ({ weekday: d.weekday, startMinute: r.startMinute, endMinute: r.endMinute })))
    .sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
}

/** Seven days, Monday first, from the contract's flat rules. */
export function toEditorWeek(rules: TWeeklyRule[]): TAvailabilityInput['weekly'] {
  return [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    weekday,
    ranges: rules
      .filter((r) => r.weekday === weekday)
      .sort((a, b) => a.startMinute - b.startMinute)
      .map((r) => ({ startMinute: r.startMinute, endMinute: r.endMinute })),
  }));
}

export function toOverrides(overrides: TAvailabilityInput['overrides']): TDateOverride[] {
  return overrides
    .map((o) => ({ date: o.date, ranges: [...o.ranges].sort((a, b) => a.startMinute - b.startMinute) }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

export function describeRange(r: TMinuteRange): string {
  return `${formatMinute(r.startMinute)}–${formatMinute(r.endMinute)}`;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
