import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import type { TPrivilegedTx } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { isAdmin } from '@/lib/auth/permissions';
import type { TActorRole } from './policy';
import { lockBooking, type TBookingRow } from './store';

export const notFound = () => new AppError('not_found', 'This session does not exist, or it is not yours.');

/**
 * The booking and the side the user is on: its learner, its expert, or an admin. Anyone else gets the same
 * 404 as for a booking that does not exist (no probing which ids are real).
 */
export async function bookingForActor(
  tx: TPrivilegedTx,
  user: TSessionUser,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<{ row: TBookingRow; role: TActorRole }> {
  const row = opts.lock
    ? await lockBooking(tx, id)
    : ((await tx.query<TBookingRow>('select * from public.bookings where id = $1', [id])).rows[0] ?? null);
  if (!row) throw notFound();
  const role = await roleOn(tx, user, row);
  if (!role) throw notFound();
  return { row, role };
}

export async function roleOn(
  tx: TPrivilegedTx,
  user: TSessionUser,
  row: Pick<TBookingRow, 'learner_id' | 'expert_id'>,
): Promise<TActorRole | null> {
  if (isAdmin(user)) return 'admin';
  if (user.role === 'learner') return row.learner_id === user.id ? 'learner' : null;
  const { rows } = await tx.query('select 1 from public.expert_profiles where id = $1 and user_id = $2', [row.expert_id, user.id]);
  return rows.length ? 'expert' : null;
}
