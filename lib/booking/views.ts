import 'server-only';
import type { TSessionUser } from '@/lib/auth/schemas';
import type { TPrivilegedTx } from '@/lib/db';
import { bookingForActor } from './access';
import type { TBookingDetail, TBookingView } from './contract';
import { isReviewOpen } from '@/lib/reviews/review-window';
import { canCancel, canReschedule, inNoShowWindow, type TActorRole, type TPolicy } from './policy';
import { loadPolicy, ms, type TBookingRow } from './store';
import { requireRole } from '@/lib/auth/permissions';
import { attendanceView } from '@/lib/video/attendance-view';
import { roomState, roomWindow } from '@/lib/video/access-window';
import { roomRule } from '@/lib/video/config';

// The views the API answers (lib/booking/contract.ts): a row joined with both sides and the attached
// curriculum, with the can* flags computed from status, time, the policy and the viewer's side.

type TViewRow = TBookingRow & {
  expert_slug: string;
  expert_name: string;
  expert_timezone: string;
  expert_user_id: string;
  learner_name: string | null;
  curriculum_title: string | null;
  module_title: string | null;
  has_no_show: boolean;
  viewer_reviewed: boolean;
  video_provider: 'builtin' | 'zoom' | 'google_meet' | null;
  meeting_join_url: string | null;
  meeting_error: string | null;
};

const VIEW_SELECT = `
  select b.*, e.slug as expert_slug, e.display_name as expert_name, e.timezone as expert_timezone, e.user_id as expert_user_id,
         u.name as learner_name, c.plan->>'title' as curriculum_title,
         (select m->>'title' from jsonb_array_elements(coalesce(c.plan->'modules', '[]')) m where m->>'id' = b.module_id limit 1) as module_title,
         exists (select 1 from public.no_show_reports r where r.booking_id = b.id) as has_no_show,
         exists (select 1 from public.session_reviews s where s.booking_id = b.id and s.author_role = $1) as viewer_reviewed
    from public.bookings b
    join public.expert_profiles e on e.id = b.expert_id
    left join public.users u on u.id = b.learner_id
    left join public.curricula c on c.id = b.curriculum_id`;

/** The room's link while the session is confirmed and its room has not closed (lib/video/access-window.ts). */
function joinLink(r: TViewRow, viewerRole: TActorRole, nowMs: number): Pick<TBookingView, 'joinUrl' | 'joinOpensAt' | 'joinClosesAt'> {
  const b = { status: r.status, startMs: ms(r.starts_at), endMs: ms(r.ends_at) };
  const state = roomState(b, nowMs, roomRule());
  if (viewerRole === 'admin' || (state !== 'open' && state !== 'too_early'))
    return { joinUrl: null, joinOpensAt: null, joinClosesAt: null };
  const w = roomWindow(b, roomRule());
  return {
    joinUrl: r.meeting_join_url ?? `/sessions/${r.id}/room`,
    joinOpensAt: new Date(w.opensAtMs).toISOString(),
    joinClosesAt: new Date(w.closesAtMs).toISOString(),
  };
}

export function toView(r: TViewRow, viewerRole: TActorRole, policy: TPolicy, nowMs: number): TBookingView {
  const startMs = ms(r.starts_at);
  const endMs = ms(r.ends_at);
  const live = r.status === 'held' && r.hold_expires_at !== null && ms(r.hold_expires_at) > nowMs;
  const status = r.status === 'held' && !live ? 'expired' : r.status;
  const party = viewerRole !== 'admin';
  return {
    id: r.id,
    status,
    start: new Date(startMs).toISOString(),
    end: new Date(endMs).toISOString(),
    lengthMinutes: r.duration_minutes,
    holdExpiresAt: status === 'held' && r.hold_expires_at ? new Date(r.hold_expires_at).toISOString() : null,
    priceMinor: r.price_minor,
    currency: r.currency,
    paymentStatus: r.payment_status,
    paymentMode: r.payment_mode,
    expert: { id: r.expert_id, slug: r.expert_slug, name: r.expert_name, timeZone: r.expert_timezone },
    learner: { id: r.learner_id, name: r.learner_name ?? 'A former learner', timeZone: r.learner_timezone },
    viewerRole,
    brief: r.brief,
    curriculum: r.curriculum_id
      ? { id: r.curriculum_id, title: r.curriculum_title ?? 'Curriculum', moduleId: r.module_id, moduleTitle: r.module_title }
      : null,
    refundPercent: r.refund_percent,
    cancelledBy: r.cancelled_by,
    ...joinLink(r, viewerRole, nowMs),
    video: { provider: r.video_provider, note: r.meeting_error },
    canCancel: canCancel({ status, startMs }, nowMs),
    canReschedule: canReschedule(policy, { status, startMs }, viewerRole, nowMs),
    canReportNoShow: party && !r.has_no_show && inNoShowWindow(policy, { status, startMs }, nowMs),
    canReview:
      party &&
      isReviewOpen({
        status,
        endsAt: new Date(endMs),
        windowDays: policy.reviewWindowDays,
        alreadyReviewed: r.viewer_reviewed,
        now: new Date(nowMs),
      }),
  };
}

/** The signed-in learner's or expert's sessions: upcoming (live, not yet ended, soonest first) or past (latest first). */
export async function listBookings(
  db: TPrivilegedTx,
  user: TSessionUser,
  scope: 'upcoming' | 'past',
  opts: { now?: Date } = {},
): Promise<TBookingView[]> {
  const now = opts.now ?? new Date();
  requireRole(user, ['learner', 'expert'], 'Sessions are listed for learners and experts.');
  const side = user.role === 'learner' ? 'b.learner_id = $2' : 'e.user_id = $2';
  const when =
    scope === 'upcoming'
      ? "((b.status = 'held' and b.hold_expires_at > $3) or b.status = 'confirmed') and b.ends_at > $3 order by b.starts_at asc"
      : "b.status <> 'expired' and b.status <> 'held' and (b.status <> 'confirmed' or b.ends_at <= $3) order by b.starts_at desc";
  const { rows } = await db.query<TViewRow>(`${VIEW_SELECT} where ${side} and ${when} limit 200`, [user.role, user.id, now]);
  const policy = await loadPolicy(db);
  return rows.map((r) => toView(r, user.role as TActorRole, policy, now.getTime()));
}

export async function getBookingView(db: TPrivilegedTx, user: TSessionUser, id: string, opts: { now?: Date } = {}): Promise<TBookingView> {
  const { role } = await bookingForActor(db, user, id);
  const { rows } = await db.query<TViewRow>(`${VIEW_SELECT} where b.id = $2`, [role, id]);
  return toView(rows[0], role, await loadPolicy(db), (opts.now ?? new Date()).getTime());
}

/** One session with its history, the learner's progress on the attached curriculum, and (for the expert) the private notes. */
export async function getBookingDetail(
  db: TPrivilegedTx,
  user: TSessionUser,
  id: string,
  opts: { now?: Date } = {},
): Promise<TBookingDetail> {
  const view = await getBookingView(db, user, id, opts);
  const { rows: events } = await db.query<{ kind: string; created_at: Date; actor_id: string | null; data: Record<string, unknown> }>(
    'select kind, created_at, actor_id, data from public.booking_events where booking_id = $1 order by created_at, id',
    [id],
  );
  let notes: string | null = null;
  if (view.viewerRole === 'expert') {
    const { rows } = await db.query<{ body: string }>('select body from public.booking_notes where booking_id = $1', [id]);
    notes = rows[0]?.body ?? '';
  }
  const progress =
    view.curriculum && view.learner.id ? await curriculumProgress(db, view.learner.id, view.curriculum.id, view.curriculum.moduleId) : null;
  const { rows: times } = await db.query<{ id: string; starts_at: Date; ends_at: Date }>(
    'select id, starts_at, ends_at from public.bookings where id = $1',
    [id],
  );
  const attendance = await attendanceView(db, times[0], opts.now ?? new Date());
  return {
    ...view,
    progress,
    notes,
    attendance,
    events: events.map((e) => ({
      kind: e.kind,
      at: new Date(e.created_at).toISOString(),
      actorRole:
        e.actor_id === null
          ? e.kind === 'expired' || e.kind === 'completed'
            ? 'system'
            : null
          : e.actor_id === view.learner.id
            ? 'learner'
            : roleFromData(e.data),
      data: e.data,
    })),
  };
}

const roleFromData = (d: Record<string, unknown>) =>
  typeof d.by === 'string' ? d.by : typeof d.reporterRole === 'string' ? d.reporterRole : 'expert';

/** Lessons done or skipped of the curriculum (or of the one module), from lesson_progress. */
async function curriculumProgress(
  db: TPrivilegedTx,
  learnerId: string,
  curriculumId: string,
  moduleId: string | null,
): Promise<TBookingDetail['progress']> {
  const { rows } = await db.query<{ total: number; done: number }>(
    `with lessons as (
       select l->>'id' as lesson_id
         from public.curricula c, jsonb_array_elements(coalesce(c.plan->'modules', '[]')) m, jsonb_array_elements(coalesce(m->'lessons', '[]')) l
        where c.id = $1 and ($3::text is null or m->>'id' = $3::text))
     select (select count(*) from lessons)::int as total,
            (select count(*) from lessons x join public.lesson_progress p
               on p.curriculum_id = $1 and p.user_id = $2 and p.lesson_id = x.lesson_id and p.status in ('done', 'skipped'))::int as done`,
    [curriculumId, learnerId, moduleId],
  );
  const { total, done } = rows[0] ?? { total: 0, done: 0 };
  if (!total) return null;
  return { completedItems: done, totalItems: total, percent: Math.round((done / total) * 100) };
}
