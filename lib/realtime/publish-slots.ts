import 'server-only';

/**
 * Tells everyone looking at this expert (signed in or not) that their free slots changed, after the write
 * that changed them committed. PLACEHOLDER — the booking UI work (issue #10) delivers it over Socket.IO.
 */
export function publishSlotsChanged(expertId: string): void {
  void expertId;
}
