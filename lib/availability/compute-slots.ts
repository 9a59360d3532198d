import type { TSlot, TSlotInput } from './types';

/**
 * Free slots for one expert and one session length, as UTC instants, sorted and distinct.
 * PLACEHOLDER — the availability work (issue #10) replaces this body; nothing calls it on main yet.
 */
export function computeSlots(input: TSlotInput): TSlot[] {
  void input;
  throw new Error('computeSlots is not implemented yet');
}
