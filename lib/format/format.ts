// Pure: one format per kind of number on learner pages, through Intl in the viewer's locale. Callers pass
// the locale (lib/format/viewer-locale.ts on the server); nothing here reads the environment.

export const DEFAULT_LOCALE = 'en-US';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function memo<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

/** A share 0–100 as a whole percent ("4%", "12%"); a sliver above zero reads "<1%" rather than "0%". */
export function formatPercent(value: number, locale = DEFAULT_LOCALE): string {
  const f = memo(`pct|${locale}`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }));
  if (value > 0 && value < 0.5) return `<${f.format(0.01)}`;
  if (value < 100 && value > 99.5) return `>${f.format(0.99)}`;
  return f.format(Math.round(value) / 100);
}

/** Minutes as hours and minutes ("45 min", "7 hr 29 min", "2 hr"): whole minutes, no decimals of hours. */
export function formatDuration(minutes: number, locale = DEFAULT_LOCALE): string {
  const total = Math.max(0, Math.round(minutes));
  const unit = (u: 'hour' | 'minute') =>
    memo(`dur|${u}|${locale}`, () => new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' }));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return unit('minute').format(m);
  return m === 0 ? unit('hour').format(h) : `${unit('hour').format(h)} ${unit('minute').format(m)}`;
}

/** A calendar day key (YYYY-MM-DD, already the learner's day) as a readable date ("Feb 17, 2027"). */
export function formatDay(key: string, locale = DEFAULT_LOCALE, style: 'medium' | 'short' = 'medium'): string {
  const f = memo(`day|${style}|${locale}`, () =>
    style === 'medium'
      ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })
      : new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }),
  );
  return f.format(new Date(`${key}T00:00:00Z`));
}

/** A plain count in the viewer's digits ("1,234"). */
export function formatCount(n: number, locale = DEFAULT_LOCALE): string {
  return memo(`n|${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })).format(n);
}

/** The first supported locale of an Accept-Language header, else the default. */
export function localeFromAcceptLanguage(header: string | null | undefined): string {
  for (const part of (header ?? '').split(',')) {
    const tag = part.split(';')[0].trim();
    if (!tag || tag === '*') continue;
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical && Intl.NumberFormat.supportedLocalesOf([canonical]).length) return canonical;
    } catch {
      // not a language tag: try the next one
    }
  }
  return DEFAULT_LOCALE;
}
