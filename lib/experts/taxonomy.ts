import 'server-only';
import { z } from 'zod';
import type { TSessionUser } from '@/lib/auth/schemas';
import { withAnon, withUser, type TDb, type TScopedTx } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { cachedDirectory, invalidateExpertCache } from './expert-cache';
import { requireAdmin } from '@/lib/auth/permissions';

export type TSpecialty = { slug: string; label: string; active: boolean };

export async function listSpecialties(db: TScopedTx, includeInactive = false): Promise<TSpecialty[]> {
  const { rows } = await db.query<TSpecialty>(
    `select slug, label, active from public.specialties ${includeInactive ? '' : 'where active'} order by position, label`,
  );
  return rows;
}

/**
 * listSpecialties for pages (the expert's editor, the admin home): the taxonomy is the same for every reader of
 * a kind, so it is kept with the directory's cache and dropped with it — upsertSpecialty bumps the generation
 * (issue #15: shared data read once, not on every page view). `includeInactive` is for admins only: retired
 * specialties are visible to them alone, and the admin page is the only caller that asks.
 */
export function cachedSpecialties(tx: TScopedTx, includeInactive = false): Promise<TSpecialty[]> {
  return cachedDirectory(`taxonomy:${includeInactive ? 'all' : 'active'}`, () => listSpecialties(tx, includeInactive));
}

/** The active specialties as a visitor sees them (the directory's filter). */
export function listPublicSpecialties(db: TDb): Promise<TSpecialty[]> {
  return withAnon(db, (tx) => listSpecialties(tx));
}

export const ZSpecialtyInput = z.object({
  label: z.string().trim().min(2, 'Use at least 2 characters.').max(60, 'Use at most 60 characters.'),
  active: z.boolean().default(true),
});

/** Adds a specialty, or (re)activates / retires one with the same label. */
export async function upsertSpecialty(db: TDb, admin: TSessionUser, input: unknown): Promise<TSpecialty> {
  requireAdmin(admin, 'Only admins edit the taxonomy.');
  const s = parseOrThrow(ZSpecialtyInput, input);
  const slug = s.label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!slug) throw new AppError('invalid_input', 'Use letters or digits.', { label: 'Use letters or digits.' });
  const saved = await withUser(db, admin, async (tx) => {
    const { rows } = await tx.query<TSpecialty>(
      `insert into public.specialties (slug, label, active, position) values ($1, $2, $3, (select coalesce(max(position), 0) + 10 from public.specialties))
       on conflict (slug) do update set active = excluded.active, label = excluded.label returning slug, label, active`,
      [slug, s.label, s.active],
    );
    await tx.query(
      `insert into public.audit_log (actor_id, action, subject_type, subject_id, data) values ($1, 'taxonomy.upsert', 'specialty', $2, $3)`,
      [admin.id, slug, JSON.stringify(s)],
    );
    return rows[0];
  });
  await invalidateExpertCache(null);
  return saved;
}
