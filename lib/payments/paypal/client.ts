import 'server-only';
import { env } from '@/lib/config';
import { AppError } from '@/lib/http/app-error';

// PayPal's REST API (https://developer.paypal.com/api/rest/): OAuth 2.0 client credentials
// (POST /v1/oauth2/token, Basic auth) → a bearer token kept until shortly before it expires.

let token: { key: string; value: string; expiresAt: number } | undefined;

function credentials(): { id: string; secret: string; base: string } {
  const e = env();
  if (!e.PAYPAL_CLIENT_ID || !e.PAYPAL_CLIENT_SECRET) throw new AppError('unavailable', 'PayPal payouts are not configured.');
  return { id: e.PAYPAL_CLIENT_ID, secret: e.PAYPAL_CLIENT_SECRET, base: e.PAYPAL_API_BASE };
}

export class PaypalApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { name?: string; message?: string; details?: { issue?: string; field?: string }[] } | null,
  ) {
    super(`PayPal answered ${status}${body?.name ? ` ${body.name}` : ''}${body?.message ? `: ${body.message}` : ''}`);
    this.name = 'PaypalApiError';
  }
}

async function fetchToken(): Promise<string> {
  const { id, secret, base } = credentials();
  const key = `${base}|${id}`;
  if (token && token.key === key && token.expiresAt > Date.now()) return token.value;
  const res = await fetch(new URL('/v1/oauth2/token', base), {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: 'grant_type=client_credentials',
    signal: AbortSignal.timeout(20_000),
  });
  const body = (await res.json().catch(() => null)) as { access_token?: string; expires_in?: number } | null;
  if (!res.ok || !body?.access_token) throw new PaypalApiError(res.status, body as never);
  // Renew a minute early so a token never expires between the check and the call.
  token = { key, value: body.access_token, expiresAt: Date.now() + Math.max(0, (body.expires_in ?? 300) - 60) * 1000 };
  return token.value;
}

/** One authenticated JSON call; a 401 (token revoked early) fetches a new token once. */
export async function paypalRequest<T>(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: T }> {
  const { base } = credentials();
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(new URL(path, base), {
      method,
      headers: {
        authorization: `Bearer ${await fetchToken()}`,
        'content-type': 'application/json',
        accept: 'application/json',
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    const json = (await res.json().catch(() => null)) as T;
    if (res.status === 401 && attempt === 0) {
      token = undefined;
      continue;
    }
    if (!res.ok) throw new PaypalApiError(res.status, json as never);
    return { status: res.status, json };
  }
}

/** Tests: forget the cached token. */
export function resetPaypalTokenForTests(): void {
  token = undefined;
}
