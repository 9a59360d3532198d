// Pure time helpers for the booking UI: every label comes from Intl with an IANA zone; no hand-written offsets.

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(tz: string, opts: Intl.DateTimeFormatOptions, locale?: string): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${tz}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...opts, timeZone: tz });
    cache.set(key, f);
  }
  return f;
}

const toMs = (t: string | number | Date) => (typeof t === 'number' ? t : new Date(t).getTime());

/** The local calendar date of an instant in a zone, as YYYY-MM-DD. */
export function dayKey(t: string | number | Date, tz: string): string {
  const parts = fmt(tz, { year: 'numeric', month: '2-digit', day: '2-digit' }, 'en-CA').formatToParts(toMs(t));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** "9:00 PM" (or "21:00", by the viewer's locale). */
export function timeLabel(t: string | number | Date, tz: string, locale?: string): string {
  return fmt(tz, { hour: 'numeric', minute: '2-digit' }, locale).format(toMs(t));
}

/** "Tue, Mar 3" for a YYYY-MM-DD key (a calendar date, so formatted in UTC at noon). */
export function dayLabel(key: string, locale?: string, long = false): string {
  return fmt(
    'UTC',
    long ? { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' } : { weekday: 'short', month: 'short', day: 'numeric' },
    locale,
  ).format(Date.parse(`${key}T12:00:00Z`));
}

/** "March 2026" for a YYYY-MM key. */
export function monthLabel(month: string, locale?: string): string {
  return fmt('UTC', { month: 'long', year: 'numeric' }, locale).format(Date.parse(`${month}-15T12:00:00Z`));
}

/** "Tue, Mar 3, 9:00 PM" in the zone. */
export function dateTimeLabel(t: string | number | Date, tz: string, locale?: string): string {
  return fmt(tz, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }, locale).format(toMs(t));
}

/** The zone's UTC offset at an instant in minutes (Asia/Kolkata → 330). */
export function offsetMinutes(t: string | number | Date, tz: string): number {
  const name =
    fmt(tz, { timeZoneName: 'longOffset' }, 'en-US')
      .formatToParts(toMs(t))
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{1,2})(?::?(\d{2}))?/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/**
 * The first instant in (from, to] at which the zone's offset changes (a DST switch), or null. Samples every
 * 6 hours (zones change at most twice a year, never twice in 6 hours) and then bisects to the minute.
 */
export function offsetChangeBetween(from: string | number | Date, to: string | number | Date, tz: string): number | null {
  let a = toMs(from);
  const end = toMs(to);
  const base = offsetMinutes(a, tz);
  const step = 6 * 3600_000;
  while (a < end) {
    const b = Math.min(a + step, end);
    if (offsetMinutes(b, tz) !== base) {
      let lo = a;
      let hi = b;
      while (hi - lo > 60_000) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetMinutes(mid, tz) === base) lo = mid;
        else hi = mid;
      }
      // Offsets change on whole minutes: the change is the first minute boundary after `lo` (≤ hi).
      return Math.floor(lo / 60_000) * 60_000 + 60_000;
    }
    a = b;
  }
  return null;
}

/** The YYYY-MM-DD key `n` days after `key`. */
export function addDays(key: string, n: number): string {
  const d = new Date(`${key}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The YYYY-MM month `n` months after `month`. */
export function addMonths(month: string, n: number): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 7);
}

// ICU (and so Chromium) still reports some zones by their old names; people know the current ones.
const RENAMED: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Rangoon': 'Asia/Yangon',
  'Europe/Kiev': 'Europe/Kyiv',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'America/Godthab': 'America/Nuuk',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Ponape': 'Pacific/Pohnpei',
};

function isZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The current IANA name of a zone (Asia/Calcutta → Asia/Kolkata) when this runtime knows it. */
export function currentZoneName(tz: string): string {
  const renamed = RENAMED[tz];
  return renamed && isZone(renamed) ? renamed : tz;
}

/** The browser's zone (by its current name), or UTC. */
export function browserZone(): string {
  try {
    return currentZoneName(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  } catch {
    return 'UTC';
  }
}

let zones: readonly string[] | undefined;
/**
 * Every IANA zone the browser knows, by current names (a short fallback list where supportedValuesOf is missing).
 * Worked out once: ~420 names, and each renamed zone is checked by making a formatter.
 */
export function allZones(): readonly string[] {
  zones ??= listZones();
  return zones;
}

function listZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (k: 'timeZone') => string[] };
  const list = intl.supportedValuesOf?.('timeZone') ?? [
    'UTC',
    'America/New_York',
    'America/Los_Angeles',
    'Europe/London',
    'Europe/Berlin',
    'Asia/Kolkata',
    'Asia/Tokyo',
    'Australia/Sydney',
  ];
  return [...new Set(list.map(currentZoneName))].sort();
}

/** Slots grouped by the viewer's local day, in order. */
export function groupByDay<T extends { start: string }>(slots: T[], tz: string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const s of slots) {
    const k = dayKey(s.start, tz);
    const list = out.get(k);
    if (list) list.push(s);
    else out.set(k, [s]);
  }
  return out;
}
