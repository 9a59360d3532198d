import type { TApiError } from '@/components/auth/api-client';

/** PATCH with JSON, answering the API's data or its `{ error }` shape. */
export async function patchJson<T>(url: string, body: unknown): Promise<{ ok: true; data: T } | { ok: false; error: TApiError }> {
  try {
    const res = await fetch(url, { method: 'PATCH', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
    const json = await res.json().catch(() => null);
    if (res.ok) return { ok: true, data: json as T };
    return { ok: false, error: (json?.error as TApiError) ?? { code: 'internal', message: `The server answered ${res.status}.` } };
  } catch {
    return { ok: false, error: { code: 'network', message: 'Could not reach Pathwise. Check your connection and try again.' } };
  }
}
