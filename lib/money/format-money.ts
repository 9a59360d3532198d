// Intl formatters are costly to build and a directory page formats dozens of prices: keep one per key.
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, currency: string, fraction: 'auto' | number): Intl.NumberFormat {
  const key = `${locale}|${currency}|${fraction}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(
      locale,
      fraction === 'auto'
        ? { style: 'currency', currency }
        : { style: 'currency', currency, minimumFractionDigits: fraction, maximumFractionDigits: fraction },
    );
    formatters.set(key, f);
  }
  return f;
}

/** Formats integer minor units in their currency, e.g. (12000, 'USD') → "$120", (6000, 'JPY') → "¥6,000". */
export function formatMoney(minor: number, currency: string, locale = 'en-US'): string {
  const digits = numberFormat(locale, currency, 'auto').resolvedOptions().maximumFractionDigits ?? 2;
  const major = minor / 10 ** digits;
  return numberFormat(locale, currency, Number.isInteger(major) ? 0 : digits).format(major);
}
