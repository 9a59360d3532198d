// The sync cursor Google and Outlook keep per connection: one token (Google's sync token, Graph's delta link) per
// busy calendar, stored as JSON. Anything unreadable is no cursor: the next read starts over.

export type TCalendarCursor = Record<string, string>;

export function parseCursor(cursor: string | null | undefined): TCalendarCursor | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(cursor) as unknown;
    return v && typeof v === 'object' ? (v as TCalendarCursor) : null;
  } catch {
    return null;
  }
}
