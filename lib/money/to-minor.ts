/** Major units as typed in a form ("65", "65.50") → integer minor units in that currency (JPY has none). */
export function toMinor(major: string | number, currency: string): number | null {
  const n = typeof major === 'number' ? major : Number(String(major).replace(',', '.').trim());
  if (!Number.isFinite(n) || n < 0 || String(major).trim() === '') return null;
  const digits = new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return Math.round(n * 10 ** digits);
}

export function toMajor(minor: number, currency: string): string {
  const digits = new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const v = minor / 10 ** digits;
  return Number.isInteger(v) ? String(v) : v.toFixed(digits);
}
