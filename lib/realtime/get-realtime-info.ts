import 'server-only';
import { env } from '@/lib/config';
import type { TUserTx } from '@/lib/db';

/** What a page hands its live components: where to connect and the user's current event sequence. */
export async function getRealtimeInfo(tx: TUserTx, userId: string): Promise<{ url: string | null; sinceSeq: number }> {
  const { rows } = await tx.query<{ seq: string }>('select seq from public.realtime_counters where user_id = $1', [userId]);
  return { url: env().REALTIME_URL ?? null, sinceSeq: rows[0] ? Number(rows[0].seq) : 0 };
}
