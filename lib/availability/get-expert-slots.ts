import 'server-only';
import type { TQueryable } from '@/lib/db';
import type { TSlot } from './types';

export type TSlotQuery = {
  from: number;
  to: number;
  lengthMinutes: number;
  /** Defaults to Date.now(). */
  now?: number;
  /** A booking being rescheduled does not block its own new time. */
  ignoreBookingId?: string;
};

/**
 * Loads an expert's rules, overrides, settings, live bookings and busy blocks and computes the free slots.
 * PLACEHOLDER — the availability work (issue #10) replaces this body; nothing calls it on main yet.
 */
export async function getExpertSlots(db: TQueryable, expertId: string, q: TSlotQuery): Promise<TSlot[]> {
  void db;
  void expertId;
  void q;
  throw new Error('getExpertSlots is not implemented yet');
}
