import 'server-only';
import { z } from 'zod';
import type { TSessionUser } from '@/lib/auth/schemas';
import { withUser, type TDb, type TUserTx } from '@/lib/db';
import { AppError } from '@/lib/http/app-error';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { appUrl } from '@/lib/notifications/app-url';
import { notifyEvent } from '@/lib/notifications/notify-event';
import { transition, ZExpertAction, type TExpertAction, type TExpertStatus } from './application-status';
import { invalidateExpertCache } from './expert-cache';
import { checklistGaps, EMPTY_CHECKLIST, type TChecklist } from './verification-checklist';
import { requireAdmin } from '@/lib/auth/permissions';

export const ZDecision = z.object({
  action: ZExpertAction.exclude(['submit']),
  reason: z
    .string()
    .trim()
    .max(2000, 'Use at most 2,000 characters.')
    .optional()
    .transform((v) => v || undefined),
  // Approving with the checklist incomplete: an explicit override, with a reason kept in the audit log.
  override: z.boolean().default(false),
  overrideReason: z
    .string()
    .trim()
    .max(2000, 'Use at most 2,000 characters.')
    .optional()
    .transform((v) => v || undefined),
});
export type TDecision = z.input<typeof ZDecision>;

const MESSAGES: Record<Exclude<TExpertAction, 'submit'>, { title: string; body: (reason?: string) => string }> = {
  approve: {
    title: 'Your expert application is approved',
    body: () => 'Welcome aboard: your profile is now listed in the Pathwise directory.',
  },
  reject: {
    title: 'Your expert application was not approved',
    body: (r) => `Reason: ${r}\n\nYou may update your application and submit it again.`,
  },
  request_changes: {
    title: 'Changes requested on your expert application',
    body: (r) => `The review team asks: ${r}\n\nEdit your application and submit it again.`,
  },
  suspend: {
    title: 'Your expert profile is suspended',
    body: (r) => `Reason: ${r}\n\nYour profile is hidden from the directory until it is reinstated.`,
  },
  reinstate: { title: 'Your expert profile is reinstated', body: () => 'Your profile is listed in the directory again.' },
};

/**
 * One admin decision on an application: a state-machine transition, recorded in the audit log
 * (who, when, what, why), told to the expert in-app and by email (outbox), cache invalidated.
 */
export async function decideApplication(
  db: TDb,
  admin: TSessionUser,
  expertId: string,
  input: unknown,
): Promise<{ status: TExpertStatus }> {
  requireAdmin(admin, 'Only admins decide on applications.');
  const d = parseOrThrow(ZDecision, input);
  const result = await withUser(db, admin, async (tx) => {
    const { rows } = await tx.query<{ status: TExpertStatus; user_id: string; slug: string; email: string }>(
      `select p.status, p.user_id, p.slug, u.email from public.expert_profiles p join public.users u on u.id = p.user_id where p.id = $1 for update of p`,
      [expertId],
    );
    const p = rows[0];
    if (!p) throw new AppError('not_found', 'No such application.');
    if (p.user_id === admin.id) throw new AppError('forbidden', 'You cannot decide on your own application.');
    const t = transition(p.status, d.action, 'admin', d.reason);
    if (!t.ok) {
      if (t.reason === 'reason_required') throw new AppError('invalid_input', t.message, { reason: t.message });
      throw new AppError('conflict', t.message);
    }
    const gaps = d.action === 'approve' ? checklistGaps(await readChecklist(tx, expertId)) : [];
    if (gaps.length && d.override && !d.overrideReason) {
      const message = 'Write why you approve with the checklist incomplete.';
      throw new AppError('unprocessable', message, { overrideReason: message });
    }
    if (gaps.length && !d.override) {
      throw new AppError(
        'conflict',
        `Approval needs a complete checklist. ${gaps.map((g) => g.message).join(' ')}`,
        Object.fromEntries(gaps.map((g) => [g.item, g.message])),
      );
    }
    const overridden = gaps.length > 0;
    await tx.query(
      `update public.expert_profiles set status = $2, status_reason = $3,
              approved_at = case when $2 = 'approved' and approved_at is null then now() else approved_at end where id = $1`,
      [expertId, t.to, d.reason ?? null],
    );
    await tx.query(
      `insert into public.audit_log (actor_id, action, subject_type, subject_id, reason, data) values ($1, $2, 'expert_profile', $3, $4, $5)`,
      [
        admin.id,
        overridden ? 'expert.approve_override' : `expert.${d.action}`,
        expertId,
        overridden ? d.overrideReason : (d.reason ?? null),
        JSON.stringify(
          overridden ? { from: p.status, to: t.to, override: true, gaps: gaps.map((g) => g.item) } : { from: p.status, to: t.to },
        ),
      ],
    );
    return { status: t.to, slug: p.slug, email: p.email, userId: p.user_id };
  });
  // Told by the service connection once the decision committed (the admin's role may not write the outbox), by
  // the channels the expert chose (lib/notifications/notify-event.ts).
  const m = MESSAGES[d.action];
  await db.transaction((tx) =>
    notifyEvent(tx, {
      userId: result.userId,
      event: 'application.decided',
      title: m.title,
      body: m.body(d.reason),
      link: '/dashboard',
      email: { subject: m.title, text: `${m.body(d.reason)}\n\nYour dashboard: ${appUrl()}/dashboard` },
    }),
  );
  await invalidateExpertCache(result.slug);
  return { status: result.status };
}

async function readChecklist(tx: TUserTx, expertId: string): Promise<TChecklist> {
  const { rows } = await tx.query<TChecklist>(
    'select identity_verified, credentials_verified, background_status from public.expert_verifications where expert_id = $1',
    [expertId],
  );
  return rows[0] ?? EMPTY_CHECKLIST;
}
