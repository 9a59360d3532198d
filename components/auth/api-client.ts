import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';

export type TApiError = { code: string; message: string; fields?: Record<string, string> };

/**
 * Sends JSON (or FormData, for uploads) and returns the parsed body or the API's `{ error }` shape;
 * a network failure becomes one too. The one fetch wrapper every form uses.
 */
export async function sendJson<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<{ ok: true; data: T } | { ok: false; error: TApiError }> {
  try {
    const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
    const res = await fetch(url, {
      method,
      headers: isForm ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: isForm ? body : body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json().catch(() => null);
    if (res.ok) return { ok: true, data: json as T };
    return { ok: false, error: (json?.error as TApiError) ?? { code: 'internal', message: `The server answered ${res.status}.` } };
  } catch {
    return { ok: false, error: { code: 'network', message: 'Could not reach Pathwise. Check your connection and try again.' } };
  }
}

export const postJson = <T>(url: string, body: unknown) => sendJson<T>('POST', url, body);

/** Puts the server's field messages next to the fields; returns what is left for a form-level alert. */
export function applyFieldErrors<T extends FieldValues>(error: TApiError, setError: UseFormSetError<T>, known: Path<T>[]): string | null {
  let placedAll = !!error.fields;
  for (const [field, message] of Object.entries(error.fields ?? {})) {
    if ((known as string[]).includes(field)) setError(field as Path<T>, { type: 'server', message }, { shouldFocus: true });
    else placedAll = false;
  }
  return placedAll && error.code !== 'unauthorized' ? null : error.message;
}
