import { minorDigits } from './convert';

// Integer minor units ↔ exact decimal strings ("12.34", "1500" for JPY, "1.250" for KWD), by string, never through
// a float: for CSV exports and APIs (PayPal) that carry amounts as decimals. Pure.

export function minorToDecimal(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`amount must be an integer, got ${minor}`);
  const d = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor));
  if (d === 0) return sign + abs;
  const s = abs.padStart(d + 1, '0');
  return `${sign}${s.slice(0, -d)}.${s.slice(-d)}`;
}

export function decimalToMinor(value: string, currency: string): number {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) throw new RangeError(`not a decimal amount: ${value}`);
  const d = minorDigits(currency);
  const frac = m[2] ?? '';
  if (frac.length > d && /[^0]/.test(frac.slice(d))) throw new RangeError(`${value} has more than ${d} decimals for ${currency}`);
  const n = Number(m[1] + frac.slice(0, d).padEnd(d, '0'));
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount out of range: ${value}`);
  return n;
}
