import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import { getDb, withUser, type TDb, type TUserTx } from '@/lib/db';
import { invalidateExpertCache } from '@/lib/experts/expert-cache';
import { AppError } from '@/lib/http/app-error';
import { parseOrThrow } from '@/lib/http/zod-fields';
import { enqueueMessage } from '@/lib/notifications/enqueue-message';
import { notifyUser } from '@/lib/notifications/notify-user';
import { getPolicy } from './get-policy';
import { ZAppeal, ZSanctionDecision, type TSanctionView, type TStanding } from './schemas';
import { countStrikes } from './standing';
import { requireAdmin } from '@/lib/auth/permissions';

type TSanctionRow = {
  id: string;
  expert_id: string;
  display_name: string;
  slug: string;
  level: TSanctionView['level'];
  reason: string;
  strikes: number;
  appeal: string | null;
  appealed_at: Date | null;
  appeal_status: TSanctionView['appealStatus'];
  decided_at: Date | null;
  created_at: Date;
};

const SELECT = `select s.id, s.expert_id, p.display_name, p.slug, s.level, s.reason, s.strikes, s.appeal, s.appealed_at, s.appeal_status,
                       s.decided_at, s.created_at
                  from public.expert_sanctions s join public.expert_profiles p on p.id = s.expert_id`;

const toView = (r: TSanctionRow): TSanctionView => ({
  id: r.id,
  expertId: r.expert_id,
  expertName: r.display_name,
  expertSlug: r.slug,
  level: r.level,
  reason: r.reason,
  strikes: r.strikes,
  appeal: r.appeal,
  appealedAt: r.appealed_at?.toISOString() ?? null,
  appealStatus: r.appeal_status,
  decidedAt: r.decided_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
});

/** The expert's own standing for their dashboard: strikes in the window, thresholds, pause, sanctions. */
export async function getOwnStanding(db: TDb, user: TSessionUser): Promise<TStanding | null> {
  const { rows } = await db.query<{ id: string; paused_until: Date | null; status: string }>(
    'select id, paused_until, status from public.expert_profiles where user_id = $1',
    [user.id],
  );
  const p = rows[0];
  if (!p) return null;
  const policy = await getPolicy(db);
  const strikes = await countStrikes(db, p.id, policy.strikeWindowDays);
  // Read as the expert: RLS shows them their own sanctions only.
  const sanctions = await withUser(db, user, (tx) =>
    tx.query<TSanctionRow>(`${SELECT} where s.expert_id = $1 order by s.created_at desc`, [p.id]),
  );
  return {
    strikes,
    windowDays: policy.strikeWindowDays,
    thresholds: { warning: policy.strikesWarning, pause: policy.strikesPause, suspension: policy.strikesSuspend },
    pausedUntil: p.paused_until && p.paused_until.getTime() > Date.now() ? p.paused_until.toISOString() : null,
    suspended: p.status === 'suspended',
    sanctions: sanctions.rows.map(toView),
  };
}

/** The expert appeals one of their sanctions, once, in writing. */
export async function appealSanction(db: TDb, user: TSessionUser, sanctionId: string, input: unknown): Promise<TSanctionView> {
  const v = parseOrThrow(ZAppeal, input);
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<TSanctionRow & { user_id: string }>(
      `${SELECT.replace('select s.id', 'select p.user_id, s.id')} where s.id = $1 for update of s`,
      [sanctionId],
    );
    const s = rows[0];
    if (!s || s.user_id !== user.id) throw new AppError('not_found', 'No such sanction.');
    if (s.appeal_status)
      throw new AppError(
        'conflict',
        s.appeal_status === 'pending' ? 'Your appeal is already with the admins.' : 'This sanction has already been decided.',
      );
    const { rows: updated } = await tx.query<TSanctionRow>(
      `with u as (update public.expert_sanctions set appeal = $2, appealed_at = now(), appeal_status = 'pending' where id = $1 returning *)
       ${SELECT.replace('public.expert_sanctions s', 'u s')}`,
      [sanctionId, v.appeal],
    );
    return toView(updated[0]);
  });
}

/** Sanctions for the admin page: pending appeals first, then the latest. */
export async function listSanctions(tx: TUserTx, { limit = 100 } = {}): Promise<TSanctionView[]> {
  const { rows } = await tx.query<TSanctionRow>(
    `${SELECT} order by (s.appeal_status = 'pending') desc nulls last, s.created_at desc limit $1`,
    [limit],
  );
  return rows.map(toView);
}

/**
 * An admin upholds a sanction (after an appeal) or lifts it: lifting a pause clears paused_until, lifting a
 * suspension reinstates the profile. Audit-logged; the expert is told.
 */
export async function decideSanction(db: TDb, admin: TSessionUser, sanctionId: string, input: unknown): Promise<TSanctionView> {
  requireAdmin(admin, 'Only admins decide on sanctions.');
  const v = parseOrThrow(ZSanctionDecision, input);
  const result = await withUser(db, admin, async (tx) => {
    const { rows } = await tx.query<TSanctionRow & { user_id: string }>(
      `${SELECT.replace('select s.id', 'select p.user_id, s.id')} where s.id = $1 for update of s`,
      [sanctionId],
    );
    const s = rows[0];
    if (!s) throw new AppError('not_found', 'No such sanction.');
    if (s.appeal_status === 'upheld' || s.appeal_status === 'lifted')
      throw new AppError('conflict', 'This sanction has already been decided.');
    if (v.decision === 'uphold' && s.appeal_status !== 'pending') throw new AppError('conflict', 'There is no appeal to decide.');
    const status = v.decision === 'lift' ? 'lifted' : 'upheld';
    await tx.query('update public.expert_sanctions set appeal_status = $2, decided_by = $3, decided_at = now() where id = $1', [
      sanctionId,
      status,
      admin.id,
    ]);
    if (v.decision === 'lift' && s.level === 'pause') {
      await tx.query('update public.expert_profiles set paused_until = null where id = $1', [s.expert_id]);
    }
    if (v.decision === 'lift' && s.level === 'suspension') {
      await tx.query(`update public.expert_profiles set status = 'approved', status_reason = null where id = $1 and status = 'suspended'`, [
        s.expert_id,
      ]);
    }
    await tx.query(
      `insert into public.audit_log (actor_id, action, subject_type, subject_id, reason, data) values ($1, $2, 'expert_sanction', $3, $4, $5)`,
      [
        admin.id,
        `sanction.${status === 'lifted' ? 'lift' : 'uphold'}`,
        sanctionId,
        v.note || null,
        JSON.stringify({ expertId: s.expert_id, level: s.level }),
      ],
    );
    const title = status === 'lifted' ? `Your ${s.level} is lifted` : `Your appeal against the ${s.level} was not upheld`;
    const body =
      (status === 'lifted' ? 'An admin lifted the sanction.' : 'An admin reviewed your appeal and kept the sanction.') +
      (v.note ? `\n\n${v.note}` : '');
    await notifyUser(tx, s.user_id, { kind: `sanction.${status}`, title, body, link: '/dashboard' });
    const { rows: after } = await tx.query<TSanctionRow>(`${SELECT} where s.id = $1`, [sanctionId]);
    return { view: toView(after[0]), slug: s.slug, userId: s.user_id, title, body };
  });
  const { rows } = await db.query<{ email: string }>('select email from public.users where id = $1', [result.userId]);
  if (rows[0])
    await enqueueMessage(db, {
      channel: 'email',
      recipient: rows[0].email,
      userId: result.userId,
      template: 'sanction-decision',
      subject: result.title,
      body: result.body,
    });
  await invalidateExpertCache(result.slug);
  return result.view;
}

/** For server components, which never open the database themselves. */
export async function loadOwnStanding(user: TSessionUser): Promise<TStanding | null> {
  return getOwnStanding(await getDb(), user);
}
