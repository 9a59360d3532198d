import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import { requireRole } from '@/lib/auth/permissions';
import type { TDb, TPrivilegedTx, TQueryable } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { packagePriceMinor, perSessionSaving } from './pricing';
import { type TPackageView, ZPackageInput, ZPackageUpdate } from './schemas';
import { invalidateExpertCache } from '@/lib/experts/expert-cache';
import { assertPackagesPayable } from './rail';

// The expert's side: create, edit and retire packages. Prices are computed here from the expert's offering for
// that length (the client never sends a price). Purchases copy the terms, so edits only affect later sales.

type TPackageRow = {
  id: string;
  title: string;
  session_count: number;
  duration_minutes: number;
  discount_bp: number;
  price_minor: string | number;
  currency: string;
  refund_window_days: number;
  status: 'active' | 'retired';
  offering_minor: number | null;
  offering_currency: string | null;
  sold: number;
};

export const PACKAGE_COLUMNS = `p.id, p.title, p.session_count, p.duration_minutes, p.discount_bp, p.price_minor, p.currency,
  p.refund_window_days, p.status, o.price_minor as offering_minor, o.currency as offering_currency,
  (select count(*)::int from public.package_purchases pp where pp.package_id = p.id and pp.status in ('active', 'closed')) as sold`;
export const PACKAGE_FROM = `public.session_packages p
  left join public.expert_offerings o on o.expert_id = p.expert_id and o.duration_minutes = p.duration_minutes`;

export function toPackageView(r: TPackageRow): TPackageView {
  const priceMinor = Number(r.price_minor);
  const perSessionMinor = r.offering_currency === r.currency ? r.offering_minor : null;
  return {
    id: r.id,
    title: r.title,
    sessionCount: r.session_count,
    lengthMinutes: r.duration_minutes,
    discountPercent: r.discount_bp / 100,
    priceMinor,
    currency: r.currency,
    perSessionMinor,
    savingPerSessionMinor:
      perSessionMinor === null ? 0 : perSessionSaving(perSessionMinor, r.session_count, priceMinor).savingPerSessionMinor,
    refundWindowDays: r.refund_window_days,
    status: r.status,
    sold: r.sold,
  };
}

/**
 * A package shows on the expert's public profile, and signed-out visitors get that page from the page cache
 * (lib/experts/expert-cache.ts): every change to what is sold must start a new cache generation.
 */
async function afterPackagesChanged(db: TQueryable, expertId: string): Promise<void> {
  const { rows } = await db.query<{ slug: string | null }>('select slug from public.expert_profiles where id = $1', [expertId]);
  await invalidateExpertCache(rows[0]?.slug ?? null);
}

async function ownProfileId(tx: TQueryable, user: TSessionUser): Promise<string> {
  const { rows } = await tx.query<{ id: string }>('select id from public.expert_profiles where user_id = $1', [user.id]);
  if (!rows[0]) throw new AppError('conflict', 'Create your expert profile first.');
  return rows[0].id;
}

/** The expert's packages, active first. */
export async function listOwnPackages(db: TQueryable, user: TSessionUser): Promise<TPackageView[]> {
  requireRole(user, ['expert'], 'Only experts sell packages.');
  const expertId = await ownProfileId(db, user);
  const { rows } = await db.query<TPackageRow>(
    `select ${PACKAGE_COLUMNS} from ${PACKAGE_FROM} where p.expert_id = $1 order by p.status, p.created_at desc`,
    [expertId],
  );
  return rows.map(toPackageView);
}

/** Active packages on a public profile (by expert id), cheapest per session first. */
export async function listPublicPackages(db: TQueryable, expertId: string): Promise<TPackageView[]> {
  const { rows } = await db.query<TPackageRow>(
    `select ${PACKAGE_COLUMNS} from ${PACKAGE_FROM}
      join public.expert_profiles e on e.id = p.expert_id and e.status = 'approved' and not e.hidden
     where p.expert_id = $1 and p.status = 'active' order by p.duration_minutes, p.session_count`,
    [expertId],
  );
  return rows.map(toPackageView);
}

async function priced(tx: TPrivilegedTx, expertId: string, input: unknown) {
  const data = ZPackageInput.parse(input);
  const { rows } = await tx.query<{ price_minor: number; currency: string }>(
    'select price_minor, currency from public.expert_offerings where expert_id = $1 and duration_minutes = $2',
    [expertId, data.lengthMinutes],
  );
  if (!rows[0])
    throw new AppError('invalid_input', 'You do not offer sessions of that length.', {
      lengthMinutes: 'Pick one of your session lengths.',
    });
  const discountBp = data.discountPercent * 100;
  return {
    data,
    discountBp,
    perSession: rows[0].price_minor,
    currency: rows[0].currency,
    price: packagePriceMinor(rows[0].price_minor, data.sessionCount, discountBp),
  };
}

export async function createPackage(db: TDb, user: TSessionUser, input: unknown): Promise<TPackageView> {
  requireRole(user, ['expert'], 'Only experts sell packages.');
  const { id, expertId } = await db.transaction(async (tx) => {
    const expertId = await ownProfileId(tx, user);
    await assertPackagesPayable(tx, expertId, 'expert');
    const { rows: n } = await tx.query<{ n: number }>(
      "select count(*)::int as n from public.session_packages where expert_id = $1 and status = 'active'",
      [expertId],
    );
    if (n[0].n >= 10) throw new AppError('conflict', 'You can have at most 10 active packages. Retire one first.');
    const p = await priced(tx, expertId, input);
    const { rows } = await tx.query<{ id: string }>(
      `insert into public.session_packages (expert_id, title, session_count, duration_minutes, discount_bp, per_session_minor, price_minor, currency, refund_window_days)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [
        expertId,
        p.data.title,
        p.data.sessionCount,
        p.data.lengthMinutes,
        p.discountBp,
        p.perSession,
        p.price,
        p.currency,
        p.data.refundWindowDays,
      ],
    );
    return { id: rows[0].id, expertId };
  });
  await afterPackagesChanged(db, expertId);
  return (await listOwnPackages(db, user)).find((p) => p.id === id)!;
}

/** Edit (new terms for later sales) or retire (no longer sold; bought credits stay valid). */
export async function updatePackage(db: TDb, user: TSessionUser, id: string, input: unknown): Promise<TPackageView> {
  requireRole(user, ['expert'], 'Only experts sell packages.');
  const change = ZPackageUpdate.parse(input);
  const expertId = await db.transaction(async (tx) => {
    const expertId = await ownProfileId(tx, user);
    const { rows } = await tx.query<{ status: string }>(
      'select status from public.session_packages where id = $1 and expert_id = $2 for update',
      [id, expertId],
    );
    if (!rows[0]) throw new AppError('not_found', 'This package does not exist, or it is not yours.');
    if (rows[0].status === 'retired') throw new AppError('conflict', 'This package is retired; create a new one instead.');
    if (change.action === 'retire') {
      await tx.query("update public.session_packages set status = 'retired', retired_at = now(), updated_at = now() where id = $1", [id]);
      return expertId;
    }
    const p = await priced(tx, expertId, change.package);
    await tx.query(
      `update public.session_packages set title = $2, session_count = $3, duration_minutes = $4, discount_bp = $5, per_session_minor = $6,
              price_minor = $7, currency = $8, refund_window_days = $9, updated_at = now() where id = $1`,
      [
        id,
        p.data.title,
        p.data.sessionCount,
        p.data.lengthMinutes,
        p.discountBp,
        p.perSession,
        p.price,
        p.currency,
        p.data.refundWindowDays,
      ],
    );
    return expertId;
  });
  await afterPackagesChanged(db, expertId);
  return (await listOwnPackages(db, user)).find((p) => p.id === id)!;
}
