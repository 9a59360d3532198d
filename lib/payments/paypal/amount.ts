import { decimalToMinor, minorToDecimal } from '@/lib/money/decimal-string';

// PayPal's API carries amounts as decimal strings ("12.34", "1500" for JPY): converted exactly, never via a float.

export function minorToPaypalValue(minor: number, currency: string): string {
  if (minor < 0) throw new RangeError('a payout amount cannot be negative');
  return minorToDecimal(minor, currency);
}

export const paypalValueToMinor = decimalToMinor;
