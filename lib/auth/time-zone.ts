/**
 * Pure: the canonical IANA name of a time zone the runtime knows (Intl resolves aliases and case, e.g.
 * "europe/london" → "Europe/London"), or UTC for anything else — a missing or made-up zone never blocks
 * a sign-up.
 */
export function toTimeZone(value: string | null | undefined): string {
  if (!value || value.length > 64) return 'UTC';
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
}
