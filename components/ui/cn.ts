/** Joins class names, skipping falsy ones (all this app needs from clsx, without shipping it). */
export function cn(...values: (string | false | null | undefined)[]): string {
  return values.filter(Boolean).join(' ');
}
