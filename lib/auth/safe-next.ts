// Where to go after signing in, from the `next` query parameter. Only a path on this site is kept: the value
// is resolved the way the browser will resolve it (backslashes count as slashes, tabs and newlines vanish,
// so "/\evil.example" or "/%09/evil.example" mean "//evil.example") and refused unless it stays on our origin.
const PROBE_ORIGIN = 'https://pathwise.invalid';

/** A same-origin path (with query and hash) for `next`, or null when it would leave the site. */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.length > 2000) return null;
  let url: URL;
  try {
    url = new URL(next, PROBE_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PROBE_ORIGIN) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
