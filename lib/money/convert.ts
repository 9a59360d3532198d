// Converting prices between currencies with the admin-kept rates table (currency_rates: units per 1 USD).
// Pure and client-safe: the directory's search computes bounds with it, cards and tests use it as is.

/** Units of each currency per 1 USD, e.g. { USD: 1, EUR: 0.92, JPY: 150 }. */
export type TRates = Record<string, number>;

const digitsCache = new Map<string, number>();
/** Minor digits of a currency as Intl knows them: USD 2, JPY 0, KWD 3. Throws on a malformed code. */
export function minorDigits(currency: string): number {
  let d = digitsCache.get(currency);
  if (d === undefined) {
    d = new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, d);
  }
  return d;
}

/** Whole amount (major units) → the exact (unrounded) minor units it is worth in another currency; null: a rate is missing. */
function exactMinor(major: number, from: string, to: string, rates: TRates): number | null {
  const rf = rates[from];
  const rt = rates[to];
  if (!rf || !rt) return null;
  return (major / rf) * rt * 10 ** minorDigits(to);
}

/** Integer minor units in one currency → integer minor units in another, rounded half away from zero; null: a rate is missing. */
export function convertMinor(minor: number, from: string, to: string, rates: TRates): number | null {
  if (from === to) return rates[from] ? minor : null;
  const exact = exactMinor(minor / 10 ** minorDigits(from), from, to, rates);
  return exact === null ? null : Math.sign(exact) * Math.round(Math.abs(exact));
}

/** A converted price for display: whole units of the target currency ("≈ €37"), as minor units; null: a rate is missing. */
export function approxMinor(minor: number, from: string, to: string, rates: TRates): number | null {
  const converted = convertMinor(minor, from, to, rates);
  if (converted === null) return null;
  const unit = 10 ** minorDigits(to);
  return Math.round(converted / unit) * unit;
}

// Float error (0.1 + 0.2) must not move a bound by one minor unit: 40 EUR at 0.92 is exactly 4347.826… cents.
const EPSILON = 1e-9;

/**
 * The price filter's bounds in every currency of the rates table: an amount in the viewer's currency `cur`
 * (major units) → the largest (`max`) or smallest (`min`) min_price_minor in each currency that still passes,
 * so `price_currency = C and min_price_minor <= bound[C]` keeps the index use. Null: `cur` has no rate.
 */
export function priceBounds(major: number, cur: string, rates: TRates, side: 'min' | 'max'): Record<string, number> | null {
  if (!rates[cur]) return null;
  const out: Record<string, number> = {};
  for (const currency of Object.keys(rates).sort()) {
    const exact = exactMinor(major, cur, currency, rates)!;
    const slack = EPSILON * Math.max(1, Math.abs(exact));
    out[currency] = side === 'max' ? Math.floor(exact + slack) : Math.ceil(exact - slack);
  }
  return out;
}
