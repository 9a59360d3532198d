import 'server-only';
import { z } from 'zod';
import type { TSessionUser } from '@/lib/auth/schemas';
import { requireAdmin } from '@/lib/auth/permissions';
import type { TDb, TQueryable } from '@/lib/db';
import { decimalToMinor } from '@/lib/money/decimal-string';

// The platform commission per currency (commission_rules): a percentage in basis points plus a fixed amount in
// the currency's minor units; '*' is the default for currencies without a row (percent only). Admin edits are
// written with an audit_log row naming the old and new values.

export type TCommissionRuleRow = {
  currency: string;
  percentBp: number;
  fixedMinor: number;
  updatedAt: string;
  updatedByName: string | null;
};

export const ZCommissionRuleInput = z
  .object({
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^(\*|[A-Z]{3})$/, 'Use a three-letter currency code, or * for the default.'),
    // "15", "12.5", "7.25" percent → basis points, exactly.
    percent: z
      .string()
      .trim()
      .regex(/^\d{1,3}(\.\d{1,2})?$/, 'A percentage such as 15 or 12.5.')
      .transform((v) => decimalToMinor(v, 'USD'))
      .refine((bp) => bp <= 10_000, 'At most 100 %.'),
    fixed: z
      .string()
      .trim()
      .regex(/^\d{1,7}(\.\d{1,3})?$/, 'An amount such as 0.30 (or 0).')
      .default('0'),
  })
  .transform((v, ctx) => {
    if (v.currency === '*') {
      if (Number(v.fixed) !== 0)
        ctx.addIssue({ code: 'custom', path: ['fixed'], message: 'The default rule has no fixed amount: it has no currency.' });
      return { currency: v.currency, percentBp: v.percent, fixedMinor: 0 };
    }
    try {
      return { currency: v.currency, percentBp: v.percent, fixedMinor: decimalToMinor(v.fixed, v.currency) };
    } catch (e) {
      ctx.addIssue({ code: 'custom', path: ['fixed'], message: (e as Error).message.replace(/^.* has more/, 'Too many decimals: more') });
      return z.NEVER;
    }
  });

export async function listCommissionRules(tx: TQueryable): Promise<TCommissionRuleRow[]> {
  const { rows } = await tx.query<{
    currency: string;
    percent_bp: number;
    fixed_minor: number;
    updated_at: Date;
    updated_by_name: string | null;
  }>(
    `select c.currency, c.percent_bp, c.fixed_minor, c.updated_at, u.name as updated_by_name
       from public.commission_rules c left join public.users u on u.id = c.updated_by order by c.currency = '*' desc, c.currency`,
  );
  return rows.map((r) => ({
    currency: r.currency,
    percentBp: r.percent_bp,
    fixedMinor: r.fixed_minor,
    updatedAt: new Date(r.updated_at).toISOString(),
    updatedByName: r.updated_by_name,
  }));
}

export async function setCommissionRule(
  db: TDb,
  admin: TSessionUser,
  input: unknown,
): Promise<{ currency: string; percentBp: number; fixedMinor: number }> {
  requireAdmin(admin, 'Only admins change the commission.');
  const rule = ZCommissionRuleInput.parse(input);
  return db.transaction(async (tx) => {
    const { rows: old } = await tx.query<{ percent_bp: number; fixed_minor: number }>(
      'select percent_bp, fixed_minor from public.commission_rules where currency = $1 for update',
      [rule.currency],
    );
    await tx.query(
      `insert into public.commission_rules (currency, percent_bp, fixed_minor, updated_at, updated_by) values ($1, $2, $3, now(), $4)
       on conflict (currency) do update set percent_bp = excluded.percent_bp, fixed_minor = excluded.fixed_minor, updated_at = now(), updated_by = excluded.updated_by`,
      [rule.currency, rule.percentBp, rule.fixedMinor, admin.id],
    );
    await tx.query(
      `insert into public.audit_log (actor_id, action, subject_type, subject_id, data) values ($1, 'commission.set', 'commission_rule', $2, $3)`,
      [
        admin.id,
        rule.currency,
        JSON.stringify({
          before: old[0] ? { percentBp: old[0].percent_bp, fixedMinor: old[0].fixed_minor } : null,
          after: { percentBp: rule.percentBp, fixedMinor: rule.fixedMinor },
        }),
      ],
    );
    return rule;
  });
}
