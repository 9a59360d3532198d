// The signed-in visitor's display name, for the header of a page kept per role (lib/http/fast-lane.ts): the kept
// HTML carries the role's navigation but no name, and the lane sends the name with every such answer in this
// cookie, which the header reads after hydration (components/layout/viewer-name.tsx). Display only: nothing
// trusts it — who is signed in is always the session cookie, checked on the server. Not HttpOnly because the
// page's script reads it; cleared with the session cookie at sign-out.

export const VIEWER_COOKIE = 'pw_viewer';
const VIEWER_COOKIE_RE = /(?:^|;\s*)pw_viewer=([^;]*)/;

/** The `Set-Cookie` value that hands a kept page its visitor's name. */
export function viewerCookie(name: string, secure: boolean): string {
  return `${VIEWER_COOKIE}=${encodeURIComponent(name)}; Path=/; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** The name in a `Cookie` header (or `document.cookie`), or null when there is none or it does not decode. */
export function readViewerCookie(cookies: string): string | null {
  const m = VIEWER_COOKIE_RE.exec(cookies);
  if (!m?.[1]) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}
