import 'server-only';
import type { TQueryable } from '@/lib/db';

/**
 * Recomputes the expert's next free time shown in the directory ("Next: Tue 14:30") after their availability or
 * bookings changed. PLACEHOLDER — the directory work (issue #10) implements it.
 */
export async function refreshNextAvailable(db: TQueryable, expertId: string): Promise<void> {
  void db;
  void expertId;
}
