import type { TRecordingsState } from '@/lib/video/recordings';

// The recording routes (app/api/bookings/[id]/recordings/**), errors as values in the API's one error shape.

export type TApiResult<T> = { ok: true; data: T } | { ok: false; message: string; status: number };

async function send<T>(method: string, url: string, body?: unknown): Promise<TApiResult<T>> {
  try {
    const isForm = body instanceof FormData;
    const res = await fetch(url, {
      method,
      cache: 'no-store',
      headers:
        body === undefined || isForm ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => null)) as (T & { error?: { message: string } }) | null;
    if (res.ok) return { ok: true, data: json as T };
    return { ok: false, status: res.status, message: json?.error?.message ?? `The server answered ${res.status}. Try again.` };
  } catch {
    return { ok: false, status: 0, message: 'Could not reach Pathwise. Check your connection.' };
  }
}

const base = (bookingId: string) => `/api/bookings/${bookingId}/recordings`;

export const getRecordings = (bookingId: string) => send<TRecordingsState>('GET', base(bookingId));
export const askToRecord = (bookingId: string) => send<{ recordingId: string; state: TRecordingsState }>('POST', base(bookingId));
export const answerConsent = (bookingId: string, recordingId: string, granted: boolean) =>
  send<{ state: TRecordingsState }>('POST', `${base(bookingId)}/${recordingId}/consent`, { granted });
export const stopRecording = (bookingId: string, recordingId: string) =>
  send<{ state: TRecordingsState }>('POST', `${base(bookingId)}/${recordingId}/stop`);
export const deleteRecording = (bookingId: string, recordingId: string) =>
  send<{ deleted: true }>('DELETE', `${base(bookingId)}/${recordingId}`);

export function uploadPart(bookingId: string, recordingId: string, index: number, blob: Blob) {
  const form = new FormData();
  form.set('index', String(index));
  form.set('file', blob, `part-${index}.webm`);
  return send<{ receivedBytes: number }>('POST', `${base(bookingId)}/${recordingId}/parts`, form);
}

export const completeUpload = (bookingId: string, recordingId: string, parts: number, durationSeconds: number) =>
  send<{ state: TRecordingsState }>('POST', `${base(bookingId)}/${recordingId}/complete`, { parts, durationSeconds });

export function formatBytes(n: number): string {
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
