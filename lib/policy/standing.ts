import 'server-only';
import type { TQueryable } from '@/lib/db';

/**
 * Re-reads the expert's strikes (expert no-shows and late expert cancellations inside the admin-set window)
 * and applies the next sanction the policy names (warning, pause, suspension). Booking calls it after a
 * no-show report or an expert's cancellation.
 * PLACEHOLDER — the reviews and policy work (issue #10) implements it.
 */
export async function evaluateStanding(db: TQueryable, expertId: string): Promise<void> {
  void db;
  void expertId;
}
