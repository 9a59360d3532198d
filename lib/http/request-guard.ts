import { AppError } from './app-error';

// The rules every mutating API request passes in the route wrapper (docs/security.md, "CSRF"):
//   - it comes from our own pages: Sec-Fetch-Site is same-origin, or Origin names this host. A request with
//     neither header is not a browser's (curl, a server): it carries no victim's cookie, so it may pass;
//   - a body is JSON (multipart only where a route takes uploads). A cross-site HTML form can send
//     text/plain, urlencoded or multipart without a CORS preflight, never application/json.

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type TGuardedRequest = { method: string; headers: Headers; host: string | null; allowedOrigins?: string[] };

export function isMutation(method: string): boolean {
  return MUTATING.has(method.toUpperCase());
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** Throws 403 unless a mutating request comes from this site. */
export function assertSameOrigin({ method, headers, host, allowedOrigins = [] }: TGuardedRequest): void {
  if (!isMutation(method)) return;
  const site = headers.get('sec-fetch-site');
  const origin = headers.get('origin');
  const refused = new AppError('forbidden', 'This request did not come from a Pathwise page.');
  if (site !== null && site !== 'same-origin') throw refused;
  if (origin !== null) {
    const from = originHost(origin); // "null" (sandboxed, redirected) parses to nothing and is refused
    const allowed = [host, ...allowedOrigins.map(originHost)].filter(Boolean);
    if (!from || !allowed.includes(from)) throw refused;
  }
}

function hasBody(headers: Headers): boolean {
  const length = headers.get('content-length');
  return headers.has('transfer-encoding') || (length !== null && length !== '0');
}

/** Throws 415 when a mutation's body is not JSON (or multipart, when `multipart` is allowed). */
export function assertBodyType(req: { method: string; headers: Headers }, options: { multipart?: boolean } = {}): void {
  if (!isMutation(req.method) || !hasBody(req.headers)) return;
  const type = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json') return;
  if (options.multipart && type === 'multipart/form-data') return;
  throw new AppError(
    'unsupported_media_type',
    options.multipart ? 'Send the request as application/json or multipart/form-data.' : 'Send the request body as application/json.',
  );
}

/** The dotted path of the first string (or key) holding a NUL byte in a parsed JSON value, or null. */
export function findNul(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return value.includes('\0') ? path.join('.') || '_' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNul(value[i], [...path, String(i)]);
      if (hit !== null) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\0')) return [...path, k.replace(/\0/g, '')].join('.') || '_';
      const hit = findNul(v, [...path, k]);
      if (hit !== null) return hit;
    }
  }
  return null;
}

/** Throws 400 naming the field when any text holds a NUL byte (Postgres cannot store one: it was a 500). */
export function assertNoNul(value: unknown, what = 'field'): void {
  const field = findNul(value);
  if (field !== null)
    throw new AppError('invalid_input', `Remove the NUL character from the ${what}.`, { [field]: 'Contains a NUL character.' });
}
