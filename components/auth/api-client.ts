import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';

export type TApiError = { code: string; message: string; fields?: Record<string, string> };

/** POSTs JSON and returns the parsed body or the API's `{ error }` shape (a network failure becomes one too). */
export async function postJson<T>(url: string, body: unknown): Promise<{ ok: true; data: T } | { ok: false; error: TApiError }> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
    const json = await res.json().catch(() => null);
    if (res.ok) return { ok: true, data: json as T };
    return { ok: false, error: (json?.error as TApiError) ?? { code: 'internal', message: `The server answered ${res.status}.` } };
  } catch {
    return { ok: false, error: { code: 'network', message: 'Could not reach Pathwise. Check your connection and try again.' } };
  }
}

/** Puts the server's field messages next to the fields; returns what is left for a form-level alert. */
export function applyFieldErrors<T extends FieldValues>(error: TApiError, setError: UseFormSetError<T>, known: Path<T>[]): string | null {
  let placedAll = !!error.fields;
  for (const [field, message] of Object.entries(error.fields ?? {})) {
    if ((known as string[]).includes(field)) setError(field as Path<T>, { type: 'server', message }, { shouldFocus: true });
    else placedAll = false;
  }
  return placedAll && error.code !== 'unauthorized' ? null : error.message;
}
