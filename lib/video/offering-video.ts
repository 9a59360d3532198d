import 'server-only';
import { z } from 'zod';
import { requireRole } from '@/lib/auth/permissions';
import type { TSessionUser } from '@/lib/auth/schemas';
import { withUser, type TDb } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { availableVideoProviders, VIDEO_PROVIDERS, type TVideoProvider } from './providers';

export const ZVideoSettings = z.object({
  offerings: z
    .array(z.object({ lengthMinutes: z.number().int().min(15).max(240), videoProvider: z.enum(VIDEO_PROVIDERS) }))
    .min(1)
    .max(20),
});

export type TVideoSettings = {
  /** Choices this installation can honour (Zoom only when configured; Google Meet with the calendar integration). */
  available: TVideoProvider[];
  offerings: { lengthMinutes: number; videoProvider: TVideoProvider }[];
};

/** The expert's session types with the video each uses (read as the expert, under RLS). */
export async function getVideoSettings(db: TDb, user: TSessionUser): Promise<TVideoSettings> {
  requireRole(user, ['expert'], 'Only experts choose the video for their sessions.');
  return withUser(db, user, async (tx) => {
    const { rows } = await tx.query<{ duration_minutes: number; video_provider: TVideoProvider }>(
      `select o.duration_minutes, o.video_provider from public.expert_offerings o
         join public.expert_profiles e on e.id = o.expert_id where e.user_id = $1 order by o.duration_minutes`,
      [user.id],
    );
    return {
      available: availableVideoProviders(),
      offerings: rows.map((r) => ({ lengthMinutes: r.duration_minutes, videoProvider: r.video_provider })),
    };
  });
}

/**
 * Sets the video of each named session type. A provider this installation has not configured is refused
 * (422 naming the field); sessions already confirmed keep the video they were booked with.
 */
export async function saveVideoSettings(db: TDb, user: TSessionUser, input: unknown): Promise<TVideoSettings> {
  requireRole(user, ['expert'], 'Only experts choose the video for their sessions.');
  const { offerings } = parseOrThrow(ZVideoSettings, input);
  const available = availableVideoProviders();
  offerings.forEach((o, i) => {
    if (!available.includes(o.videoProvider))
      throw new AppError('unprocessable', `${o.videoProvider === 'zoom' ? 'Zoom' : 'Google Meet'} is not set up on this Pathwise.`, {
        [`offerings.${i}.videoProvider`]: 'Not available here.',
      });
  });
  // On the service connection: approved experts' offerings are closed to them under RLS (prices change through
  // review, 20261126000200_profile_review.sql), and the video choice is not a price. Ownership is the where clause.
  await db.transaction(async (tx) => {
    for (const o of offerings) {
      const { rows } = await tx.query(
        `update public.expert_offerings o set video_provider = $3 from public.expert_profiles e
          where e.id = o.expert_id and e.user_id = $1 and o.duration_minutes = $2 returning o.id`,
        [user.id, o.lengthMinutes, o.videoProvider],
      );
      if (!rows.length) throw new AppError('not_found', `You do not offer ${o.lengthMinutes}-minute sessions.`);
    }
  });
  return getVideoSettings(db, user);
}
