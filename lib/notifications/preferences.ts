import 'server-only';
import type { TPrivilegedTx, TQueryable } from '@/lib/db';
import { preferenceMatrix, ZPreferencesUpdate, type TOverride, type TPreferenceMatrix } from './preference-rules';
import { getPhoneState, type TPhoneState } from './phone';

// A user's notification preferences: only the overrides are stored (public.notification_preferences); the
// defaults and the locked channels are code (preference-rules.ts). Written through the service connection
// for the signed-in user the route resolved (the table is service-only).

export async function loadOverrides(db: TQueryable, userId: string): Promise<TOverride[]> {
  const { rows } = await db.query<TOverride>('select event, channel, enabled from public.notification_preferences where user_id = $1', [
    userId,
  ]);
  return rows;
}

export type TPreferencesView = { matrix: TPreferenceMatrix; phone: TPhoneState };

export async function getPreferences(db: TPrivilegedTx, userId: string): Promise<TPreferencesView> {
  return { matrix: preferenceMatrix(await loadOverrides(db, userId)), phone: await getPhoneState(db, userId) };
}

/** Applies `{ changes: [{ event, channel, enabled }] }` (zod-checked: locked channels stay on) and returns the new view. */
export async function updatePreferences(db: TPrivilegedTx, userId: string, input: unknown): Promise<TPreferencesView> {
  const { changes } = ZPreferencesUpdate.parse(input);
  for (const c of changes) {
    await db.query(
      `insert into public.notification_preferences (user_id, event, channel, enabled) values ($1, $2, $3, $4)
       on conflict (user_id, event, channel) do update set enabled = excluded.enabled, updated_at = now()`,
      [userId, c.event, c.channel, c.enabled],
    );
  }
  return getPreferences(db, userId);
}
