import type { TApiError } from '@/components/auth/api-client';

/** Sends JSON or FormData and returns the body or the API's `{ error }` shape. */
export async function send<T>(method: 'PUT' | 'POST', url: string, body?: unknown): Promise<{ ok: true; data: T } | { ok: false; error: TApiError }> {
  try {
    const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
    const res = await fetch(url, {
      method,
      headers: isForm ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: isForm ? (body as FormData) : body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json().catch(() => null);
    if (res.ok) return { ok: true, data: json as T };
    return { ok: false, error: (json?.error as TApiError) ?? { code: 'internal', message: `The server answered ${res.status}.` } };
  } catch {
    return { ok: false, error: { code: 'network', message: 'Could not reach Pathwise. Check your connection and try again.' } };
  }
}

export function describeError(e: TApiError): string {
  const fields = Object.values(e.fields ?? {});
  return fields.length ? `${e.message} ${fields.join(' ')}` : e.message;
}
