import type { TBookingDetail, TBookingView, TCancelPreview, TSlotsResponse } from '@/lib/booking/contract';

// The booking UI's one fetch wrapper: JSON in and out, the API's `{ error }` shape (with the 409's fresh
// slots) or a network failure as a value, never a throw.

export type TBookingApiError = { code: string; message: string; fields?: Record<string, string>; status: number; slots?: TSlotsResponse };
export type TResult<T> = { ok: true; data: T } | { ok: false; error: TBookingApiError };

async function call<T>(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, signal?: AbortSignal): Promise<TResult<T>> {
  try {
    const res = await fetch(url, {
      method,
      signal,
      cache: 'no-store',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => null)) as (T & { error?: Omit<TBookingApiError, 'status'>; slots?: TSlotsResponse }) | null;
    if (res.ok) return { ok: true, data: json as T };
    const error = json?.error ?? { code: 'internal', message: `The server answered ${res.status}. Try again.` };
    return { ok: false, error: { ...error, status: res.status, slots: json?.slots } };
  } catch (err) {
    if ((err as Error).name === 'AbortError') return { ok: false, error: { code: 'aborted', message: 'Cancelled.', status: 0 } };
    return { ok: false, error: { code: 'network', message: 'Could not reach Pathwise. Check your connection and try again.', status: 0 } };
  }
}

export function fetchSlots(o: { slug: string; from: string; to: string; length: number | null; tz: string }, signal?: AbortSignal) {
  const q = new URLSearchParams({ from: o.from, to: o.to, tz: o.tz });
  if (o.length) q.set('length', String(o.length));
  return call<TSlotsResponse>('GET', `/api/experts/${encodeURIComponent(o.slug)}/slots?${q}`, undefined, signal);
}

export const createBooking = (body: {
  expertSlug: string;
  start: string;
  lengthMinutes: number;
  brief: string;
  curriculumId: string | null;
  moduleId: string | null;
  timeZone: string;
}) => call<{ booking: TBookingView }>('POST', '/api/bookings', body);

export type TPayQuote = { amountMinor: number; commissionMinor: number; expertMinor: number; currency: string };
/** Starts the checkout of a held booking: Stripe Checkout's URL, or the test-mode page /pay/<id>. */
export const payBooking = (id: string) =>
  call<{ booking: TBookingView; checkoutUrl?: string; paymentId?: string; mode?: 'stripe' | 'simulated' }>(
    'POST',
    `/api/bookings/${id}/pay`,
    {},
  );
export const payQuote = (id: string) => call<{ quote: TPayQuote; mode: 'stripe' | 'simulated' }>('GET', `/api/bookings/${id}/pay`);
export const listBookings = (scope: 'upcoming' | 'past') => call<{ bookings: TBookingView[] }>('GET', `/api/bookings?scope=${scope}`);
export const getBooking = (id: string) => call<{ booking: TBookingDetail }>('GET', `/api/bookings/${id}`);
export const cancelPreview = (id: string) => call<TCancelPreview>('GET', `/api/bookings/${id}/cancel-preview`);
export const cancelBooking = (id: string, reason: string) =>
  call<{ booking: TBookingView }>('POST', `/api/bookings/${id}/cancel`, { reason });
export const rescheduleBooking = (id: string, start: string) =>
  call<{ booking: TBookingView }>('POST', `/api/bookings/${id}/reschedule`, { start });
export const reportNoShow = (id: string, note: string) => call<{ booking: TBookingView }>('POST', `/api/bookings/${id}/no-show`, { note });
export const saveNotes = (id: string, body: string) => call<{ notes: string }>('PUT', `/api/bookings/${id}/notes`, { body });
export const icsUrl = (id: string) => `/api/bookings/${id}/ics`;

/** Confirms a held booking with one credit of the learner's package (lib/packages). */
export const redeemCredit = (purchaseId: string, bookingId: string) =>
  call<{ booking: TBookingView; purchase: { remaining: number } | null }>('POST', `/api/packages/purchases/${purchaseId}/redeem`, {
    bookingId,
  });
