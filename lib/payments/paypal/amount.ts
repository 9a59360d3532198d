import { minorDigits } from '@/lib/money/convert';

// PayPal's API carries amounts as decimal strings ("12.34", "1500" for JPY). Converted exactly, by string, never
// through a float. Pure.

export function minorToPaypalValue(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor) || minor < 0) throw new RangeError(`amount must be a non-negative integer, got ${minor}`);
  const d = minorDigits(currency);
  if (d === 0) return String(minor);
  const s = String(minor).padStart(d + 1, '0');
  return `${s.slice(0, -d)}.${s.slice(-d)}`;
}

export function paypalValueToMinor(value: string, currency: string): number {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) throw new RangeError(`not a PayPal amount: ${value}`);
  const d = minorDigits(currency);
  const frac = m[2] ?? '';
  if (frac.length > d && /[^0]/.test(frac.slice(d))) throw new RangeError(`${value} has more than ${d} decimals for ${currency}`);
  const n = Number(m[1] + frac.slice(0, d).padEnd(d, '0'));
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount out of range: ${value}`);
  return n;
}
