import 'server-only';
import type { TPrivilegedTx } from '@/lib/db';
import { invalidateExpertCache } from '@/lib/experts/expert-cache';
import { enqueueMessage } from '@/lib/notifications/enqueue-message';
import { notifyUser } from '@/lib/notifications/notify-user';
import { getPolicy } from './get-policy';
import { levelsReached } from './levels';
import type { TSanctionLevel } from './schemas';

/** Strikes inside the window: no-shows where the expert was absent, and expert cancellations within 24 h of the start. */
export async function countStrikes(db: TPrivilegedTx, expertId: string, windowDays: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select (
       (select count(distinct r.booking_id) from public.no_show_reports r join public.bookings b on b.id = r.booking_id
         where b.expert_id = $1 and r.absent_role = 'expert' and r.attendance_verdict is distinct from 'contradicted'
           and r.created_at > now() - make_interval(days => $2))
     + (select count(*) from public.bookings b
         where b.expert_id = $1 and b.cancelled_by = 'expert' and b.cancelled_at > now() - make_interval(days => $2)
           and b.starts_at - b.cancelled_at < interval '24 hours')
     )::int as n`,
    [expertId, windowDays],
  );
  return rows[0].n;
}

const MESSAGES: Record<TSanctionLevel, { title: string; body: (strikes: number, until: string | null) => string }> = {
  warning: {
    title: 'A warning about missed or late-cancelled sessions',
    body: (n) =>
      `You have ${n} strike(s) from sessions you missed or cancelled less than 24 hours before the start. More strikes pause your bookings, then suspend your profile. You can appeal from your dashboard.`,
  },
  pause: {
    title: 'Your bookings are paused',
    body: (n, until) =>
      `After ${n} strikes learners cannot book you until ${until}. Your profile stays listed. You can appeal from your dashboard.`,
  },
  suspension: {
    title: 'Your expert profile is suspended',
    body: (n) =>
      `After ${n} strikes your profile is hidden from the directory until an admin reinstates it. You can appeal from your dashboard.`,
  },
};

/**
 * Re-reads the expert's strikes (expert no-shows and late expert cancellations inside the admin-set window)
 * and applies each sanction level the policy names that they reached and do not yet have in the window
 * (warning, pause, suspension) — each recorded once in expert_sanctions with its reason, the expert told in-app
 * and by e-mail (outbox). Booking calls it after a no-show report or an expert's cancellation; pass the
 * transaction the strike was written in. Returns the levels newly applied.
 */
export async function evaluateStanding(db: TPrivilegedTx, expertId: string): Promise<TSanctionLevel[]> {
  const policy = await getPolicy(db);
  // Serialises evaluations of one expert: two strikes arriving together record each level once.
  const { rows: experts } = await db.query<{ user_id: string; email: string; slug: string; status: string }>(
    `select p.user_id, u.email, p.slug, p.status from public.expert_profiles p join public.users u on u.id = p.user_id
      where p.id = $1 for update of p`,
    [expertId],
  );
  const expert = experts[0];
  if (!expert) return [];
  const strikes = await countStrikes(db, expertId, policy.strikeWindowDays);
  const { rows: existing } = await db.query<{ level: TSanctionLevel }>(
    `select distinct level from public.expert_sanctions where expert_id = $1 and created_at > now() - make_interval(days => $2)`,
    [expertId, policy.strikeWindowDays],
  );
  const due = levelsReached(strikes, policy).filter((l) => !existing.some((e) => e.level === l));
  const applied: TSanctionLevel[] = [];
  for (const level of due) {
    let until: string | null = null;
    if (level === 'pause') {
      const { rows } = await db.query<{ paused_until: Date }>(
        `update public.expert_profiles set paused_until = greatest(coalesce(paused_until, now()), now() + make_interval(days => $2))
          where id = $1 returning paused_until`,
        [expertId, policy.pauseDays],
      );
      until = rows[0].paused_until.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
    }
    if (level === 'suspension') {
      if (expert.status !== 'approved') continue;
      await db.query(`update public.expert_profiles set status = 'suspended', status_reason = $2 where id = $1`, [
        expertId,
        `Suspended by the no-show policy after ${strikes} strikes.`,
      ]);
    }
    const reason = `${strikes} strike(s) in ${policy.strikeWindowDays} days reached the ${level} threshold (${thresholdOf(level, policy)}).`;
    const { rows: s } = await db.query<{ id: string }>(
      'insert into public.expert_sanctions (expert_id, level, reason, strikes) values ($1, $2, $3, $4) returning id',
      [expertId, level, reason, strikes],
    );
    await db.query(
      `insert into public.audit_log (actor_id, action, subject_type, subject_id, reason, data) values (null, $1, 'expert_profile', $2, $3, $4)`,
      [`sanction.${level}`, expertId, reason, JSON.stringify({ sanctionId: s[0].id, strikes })],
    );
    const m = MESSAGES[level];
    await notifyUser(db, expert.user_id, { kind: `sanction.${level}`, title: m.title, body: m.body(strikes, until), link: '/dashboard' });
    await enqueueMessage(db, {
      channel: 'email',
      recipient: expert.email,
      userId: expert.user_id,
      template: `sanction-${level}`,
      subject: m.title,
      body: m.body(strikes, until),
    });
    applied.push(level);
  }
  if (applied.length) await invalidateExpertCache(expert.slug);
  return applied;
}

function thresholdOf(level: TSanctionLevel, p: { strikesWarning: number; strikesPause: number; strikesSuspend: number }): number {
  return level === 'warning' ? p.strikesWarning : level === 'pause' ? p.strikesPause : p.strikesSuspend;
}
