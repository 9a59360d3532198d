// RFC 4180 CSV: fields quoted when they hold a comma, quote or line break; a leading =, +, - or @ in text is
// prefixed with ' so a spreadsheet never runs it as a formula (numbers are written by the caller as plain text).

export type TCsvValue = string | number | null | undefined;

function field(v: TCsvValue, numeric: boolean): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (!numeric && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** `numericColumns`: indexes of columns holding amounts (a leading minus is a sign there, not a formula). */
export function toCsv(header: string[], rows: TCsvValue[][], numericColumns: number[] = []): string {
  const num = new Set(numericColumns);
  return [header, ...rows].map((r, i) => r.map((v, j) => field(v, i > 0 && num.has(j))).join(',')).join('\r\n') + '\r\n';
}
