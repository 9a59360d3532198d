import { NextResponse } from 'next/server';
import type { TSlotsResponse } from './contract';

// The two booking answers outside the project's AppError codes (the contract names them): 409 slot_taken
// with the fresh slots beside the error, and 410 hold_expired.

export const SLOT_TAKEN_MESSAGE = 'Someone just booked this time. Pick another slot.';

export class SlotTakenError extends Error {
  constructor(
    readonly slots: TSlotsResponse,
    message = SLOT_TAKEN_MESSAGE,
  ) {
    super(message);
    this.name = 'SlotTakenError';
  }
}

export class HoldExpiredError extends Error {
  constructor(message = 'This hold has expired and the time was released. Pick a slot again.') {
    super(message);
    this.name = 'HoldExpiredError';
  }
}

/** 23P01 exclusion_violation (bookings_no_overlap), or a serialization failure / deadlock of a racing write. */
export function isSlotConflict(e: unknown): boolean {
  const code = typeof e === 'object' && e !== null && 'code' in e ? (e as { code?: unknown }).code : undefined;
  return code === '23P01' || code === '40001' || code === '40P01';
}

/** The response for a booking error, or null for anything else (the route helper answers those). */
export function bookingErrorResponse(e: unknown, requestId: string): Response | null {
  if (e instanceof SlotTakenError) {
    return NextResponse.json(
      { error: { code: 'slot_taken', message: e.message, requestId }, slots: e.slots },
      { status: 409, headers: { 'x-request-id': requestId } },
    );
  }
  if (e instanceof HoldExpiredError) {
    return NextResponse.json(
      { error: { code: 'hold_expired', message: e.message, requestId } },
      { status: 410, headers: { 'x-request-id': requestId } },
    );
  }
  return null;
}

/** Runs a route's work, answering SlotTakenError and HoldExpiredError in the contract's shape; other errors go to the route helper. */
export async function withBookingErrors(requestId: string, fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (e) {
    const res = bookingErrorResponse(e, requestId);
    if (res) return res;
    throw e;
  }
}
