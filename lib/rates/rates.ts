import 'server-only';
import { z } from 'zod';
import type { TSessionUser } from '@/lib/auth/schemas';
import { withUser, type TDb, type TQueryable } from '@/lib/db';
import { cachedDirectory, invalidateExpertCache } from '@/lib/experts/expert-cache';
import { AppError } from '@/lib/http/app-error';
import { parseOrThrow } from '@/lib/http/zod-fields';
import type { TRates } from '@/lib/money/convert';
import { requireAdmin } from '@/lib/auth/permissions';

export type TRateRow = { currency: string; per_usd: number; updated_at: string; updated_by_name: string | null };

/** The rates table as { currency: units per USD }. */
export async function loadRates(db: TQueryable): Promise<TRates> {
  const { rows } = await db.query<{ currency: string; per_usd: string }>(
    'select currency, per_usd::text as per_usd from public.currency_rates',
  );
  return Object.fromEntries(rows.map((r) => [r.currency, Number(r.per_usd)]));
}

/** The rates, cached with the directory (an admin's edit starts a new generation, so searches see it at once). */
export function cachedRates(db: TQueryable): Promise<TRates> {
  return cachedDirectory('rates', () => loadRates(db));
}

/** Currencies the directory's picker offers, USD first then by code. */
export function rateCurrencies(rates: TRates): string[] {
  return Object.keys(rates).sort((a, b) => (a === 'USD' ? -1 : b === 'USD' ? 1 : a.localeCompare(b)));
}

export async function listRates(db: TQueryable): Promise<TRateRow[]> {
  const { rows } = await db.query<Omit<TRateRow, 'per_usd'> & { per_usd: string }>(
    `select r.currency, r.per_usd::text as per_usd, to_char(r.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as updated_at, u.name as updated_by_name
       from public.currency_rates r left join public.users u on u.id = r.updated_by order by r.currency`,
  );
  return rows.map((r) => ({ ...r, per_usd: Number(r.per_usd) }));
}

function isIsoCurrency(code: string): boolean {
  try {
    new Intl.NumberFormat('en-US', { style: 'currency', currency: code });
    return typeof Intl.supportedValuesOf !== 'function' || Intl.supportedValuesOf('currency').includes(code);
  } catch {
    return false;
  }
}

export const ZRateInput = z.object({
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'Use a three-letter currency code, like EUR.')
    .refine(isIsoCurrency, 'Not a currency code this app knows.'),
  perUsd: z.coerce
    .number({ message: 'Enter a number.' })
    .gt(0, 'A rate is more than 0.')
    .max(1_000_000_000, 'Too large.')
    .refine((n) => Math.round(n * 1e6) > 0, 'Use at most 6 decimals.'),
});

/** Sets (or adds) one currency's rate, as the admin, with an audit entry; the directory's cache starts over. USD stays 1. */
export async function setRate(db: TDb, admin: TSessionUser, input: unknown): Promise<TRateRow> {
  requireAdmin(admin, 'Only admins edit currency rates.');
  const r = parseOrThrow(ZRateInput, input);
  if (r.currency === 'USD' && r.perUsd !== 1)
    throw new AppError('invalid_input', 'USD is the base: its rate is 1.', { perUsd: 'USD is the base: its rate is 1.' });
  await withUser(db, admin, async (tx) => {
    const before = await tx.query<{ per_usd: string }>('select per_usd::text as per_usd from public.currency_rates where currency = $1', [
      r.currency,
    ]);
    await tx.query(
      `insert into public.currency_rates (currency, per_usd, updated_at, updated_by) values ($1, $2, now(), $3)
       on conflict (currency) do update set per_usd = excluded.per_usd, updated_at = now(), updated_by = excluded.updated_by`,
      [r.currency, r.perUsd, admin.id],
    );
    await tx.query(
      `insert into public.audit_log (actor_id, action, subject_type, subject_id, data) values ($1, 'rates.set', 'currency_rate', $2, $3)`,
      [admin.id, r.currency, JSON.stringify({ from: before.rows[0] ? Number(before.rows[0].per_usd) : null, to: r.perUsd })],
    );
  });
  await invalidateExpertCache(null);
  const saved = (await listRates(db)).find((x) => x.currency === r.currency);
  if (!saved) throw new AppError('internal', 'The rate was not saved.');
  return saved;
}
