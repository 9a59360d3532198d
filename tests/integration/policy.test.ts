import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TSessionUser } from '@/lib/auth/schemas';
import { getExpertSlots } from '@/lib/availability/get-expert-slots';
import { createMemoryCache } from '@/lib/cache/cache';
import { getPolicy } from '@/lib/policy/get-policy';
import { appealSanction, decideSanction, getOwnStanding, listSanctions } from '@/lib/policy/sanctions';
import { evaluateStanding } from '@/lib/policy/standing';
import { updatePolicy } from '@/lib/policy/update-policy';
import { withUser } from '@/lib/db/with-user';
import { createBooking, reportExpertAbsent } from '../support/booking-factories';
import { createExpertProfile, createUser } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';

let t: TTestDb;
let admin: TSessionUser;
let learner: TSessionUser;
const holder = globalThis as unknown as { __pathwiseCache?: unknown };

const DEFAULTS = {
  fullRefundHours: 24,
  lateCancelRefundPercent: 0,
  expertCancelRefundPercent: 100,
  reviewWindowDays: 7,
  noShowWindowHours: 48,
  strikeWindowDays: 90,
  strikesWarning: 1,
  strikesPause: 2,
  strikesSuspend: 3,
  pauseDays: 7,
};

beforeAll(async () => {
  t = await createTestDb();
  holder.__pathwiseCache = createMemoryCache();
  [admin, learner] = await Promise.all([createUser(t.db, { role: 'admin' }), createUser(t.db, { role: 'learner' })]);
});
afterAll(async () => {
  await t.drop();
});

let expertUser: TSessionUser;
let expert: { id: string; slug: string };
beforeEach(async () => {
  await updatePolicy(t.db, admin, DEFAULTS);
  expertUser = await createUser(t.db, { role: 'expert' });
  expert = await createExpertProfile(t.db, expertUser.id);
});

async function noShow(hoursAgo = 1) {
  const b = await createBooking(t.db, expert.id, learner.id, { status: 'no_show', endedHoursAgo: hoursAgo });
  await reportExpertAbsent(t.db, b.id, learner.id, hoursAgo);
}
const profile = async () =>
  (
    await t.db.query<{ status: string; paused: boolean; paused_until: Date | null }>(
      'select status, paused_until > now() as paused, paused_until from public.expert_profiles where id = $1',
      [expert.id],
    )
  ).rows[0];
const sanctions = async () =>
  (
    await t.db.query<{ level: string }>('select level from public.expert_sanctions where expert_id = $1 order by created_at, level', [
      expert.id,
    ])
  ).rows.map((r) => r.level);

describe('the marketplace policy', () => {
  it('is edited by admins only, with field messages, and audit-logged', async () => {
    await expect(updatePolicy(t.db, learner, DEFAULTS)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(updatePolicy(t.db, admin, { ...DEFAULTS, strikesPause: 5, strikesSuspend: 4, reviewWindowDays: 0 })).rejects.toMatchObject(
      { code: 'invalid_input', fields: { strikesSuspend: expect.any(String), reviewWindowDays: 'Use at least 1.' } },
    );
    await updatePolicy(t.db, admin, { ...DEFAULTS, reviewWindowDays: 14, pauseDays: 3 });
    expect(await getPolicy(t.db)).toMatchObject({ reviewWindowDays: 14, pauseDays: 3 });
    const audit = await t.db.query(`select actor_id from public.audit_log where action = 'policy.update' order by created_at desc limit 1`);
    expect(audit.rows[0]).toEqual({ actor_id: admin.id });
    // The database refuses a non-admin writing it too (RLS).
    const r = await withUser(t.db, learner, (tx) => tx.query('update public.marketplace_policy set review_window_days = 1 returning id'));
    expect(r.rows).toEqual([]);
  });
});

describe('standing', () => {
  it('turns strikes into a warning, then a pause, then a suspension, each once, told to the expert', async () => {
    expect(await evaluateStanding(t.db, expert.id)).toEqual([]);
    await noShow();
    expect(await evaluateStanding(t.db, expert.id)).toEqual(['warning']);
    expect(await evaluateStanding(t.db, expert.id)).toEqual([]);
    expect((await profile()).paused).toBeNull();

    // A late cancellation by the expert (under 24 h before the start) is a strike too; an early one is not.
    await createBooking(t.db, expert.id, learner.id, {
      status: 'cancelled',
      cancelledBy: 'expert',
      cancelledHoursBeforeStart: 48,
      endedHoursAgo: -72,
    });
    expect(await evaluateStanding(t.db, expert.id)).toEqual([]);
    await createBooking(t.db, expert.id, learner.id, {
      status: 'cancelled',
      cancelledBy: 'expert',
      cancelledHoursBeforeStart: 3,
      endedHoursAgo: -10,
    });
    expect(await evaluateStanding(t.db, expert.id)).toEqual(['pause']);
    const p = await profile();
    expect(p).toMatchObject({ status: 'approved', paused: true });
    expect(p.paused_until!.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    await noShow();
    expect(await evaluateStanding(t.db, expert.id)).toEqual(['suspension']);
    expect(await evaluateStanding(t.db, expert.id)).toEqual([]);
    expect((await profile()).status).toBe('suspended');
    expect(await sanctions()).toEqual(['warning', 'pause', 'suspension']);

    const outbox = await t.db.query<{ template: string }>(
      'select template from public.outbox_messages where user_id = $1 order by created_at',
      [expertUser.id],
    );
    expect(outbox.rows.map((r) => r.template)).toEqual(['sanction-warning', 'sanction-pause', 'sanction-suspension']);
    const standing = await getOwnStanding(t.db, expertUser);
    expect(standing).toMatchObject({ strikes: 3, suspended: true, thresholds: { warning: 1, pause: 2, suspension: 3 } });
    expect(standing?.sanctions).toHaveLength(3);
  });

  it('records every level reached at once, and ignores strikes outside the window', async () => {
    await noShow(24 * 100);
    await noShow(24 * 100);
    expect(await evaluateStanding(t.db, expert.id)).toEqual([]);
    await noShow();
    await noShow();
    expect(await evaluateStanding(t.db, expert.id)).toEqual(['warning', 'pause']);
  });

  it('follows the thresholds admins set', async () => {
    await updatePolicy(t.db, admin, { ...DEFAULTS, strikesWarning: 2, strikesPause: 3, strikesSuspend: 5 });
    await noShow();
    expect(await evaluateStanding(t.db, expert.id)).toEqual([]);
    await noShow();
    expect(await evaluateStanding(t.db, expert.id)).toEqual(['warning']);
  });
});

describe('appeals', () => {
  it('an appeal then a lift clears the pause; the decision is audit-logged; the sanction is decided once', async () => {
    await noShow();
    await noShow();
    await evaluateStanding(t.db, expert.id);
    const pause = (await getOwnStanding(t.db, expertUser))!.sanctions.find((s) => s.level === 'pause')!;
    const other = await createUser(t.db, { role: 'expert' });
    await expect(appealSanction(t.db, other, pause.id, { appeal: 'Not mine but I appeal anyway.' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(appealSanction(t.db, expertUser, pause.id, { appeal: 'short' })).rejects.toMatchObject({
      code: 'invalid_input',
      fields: { appeal: expect.any(String) },
    });
    const appealed = await appealSanction(t.db, expertUser, pause.id, {
      appeal: 'My internet was down in a storm; here is the outage notice.',
    });
    expect(appealed).toMatchObject({ appealStatus: 'pending' });
    await expect(appealSanction(t.db, expertUser, pause.id, { appeal: 'Again, please look at it.' })).rejects.toMatchObject({
      code: 'conflict',
    });

    const list = await withUser(t.db, admin, (tx) => listSanctions(tx));
    expect(list[0]).toMatchObject({ id: pause.id, appealStatus: 'pending' });
    await expect(decideSanction(t.db, expertUser, pause.id, { decision: 'lift' })).rejects.toMatchObject({ code: 'forbidden' });
    await decideSanction(t.db, admin, pause.id, { decision: 'lift', note: 'Outage confirmed.' });
    expect((await profile()).paused_until).toBeNull();
    await expect(decideSanction(t.db, admin, pause.id, { decision: 'uphold' })).rejects.toMatchObject({ code: 'conflict' });
    const audit = await t.db.query('select actor_id, action, reason from public.audit_log where subject_id = $1', [pause.id]);
    expect(audit.rows).toEqual([{ actor_id: admin.id, action: 'sanction.lift', reason: 'Outage confirmed.' }]);
    // Lifted stays lifted: the same strikes do not pause again.
    expect(await evaluateStanding(t.db, expert.id)).toEqual([]);
  });

  it('lifting a suspension reinstates the profile; upholding keeps it', async () => {
    for (let i = 0; i < 3; i++) await noShow();
    await evaluateStanding(t.db, expert.id);
    const all = (await getOwnStanding(t.db, expertUser))!.sanctions;
    const warning = all.find((s) => s.level === 'warning')!;
    await expect(decideSanction(t.db, admin, warning.id, { decision: 'uphold' })).rejects.toMatchObject({
      code: 'conflict',
      message: 'There is no appeal to decide.',
    });
    await appealSanction(t.db, expertUser, warning.id, { appeal: 'I was ill, with a doctor note.' });
    await decideSanction(t.db, admin, warning.id, { decision: 'uphold' });
    expect((await profile()).status).toBe('suspended');
    await decideSanction(t.db, admin, all.find((s) => s.level === 'suspension')!.id, { decision: 'lift' });
    expect((await profile()).status).toBe('approved');
  });
});

describe('a paused expert', () => {
  it('offers no slots', async (ctx) => {
    await t.db.query(
      `insert into public.availability_rules (expert_id, weekday, start_minute, end_minute) select $1, d, 0, 1440 from generate_series(1, 7) d`,
      [expert.id],
    );
    await t.db.query(
      `insert into public.expert_offerings (expert_id, duration_minutes, price_minor, currency) values ($1, 60, 5000, 'USD')`,
      [expert.id],
    );
    const q = { from: Date.now(), to: Date.now() + 14 * 86_400_000, lengthMinutes: 60 };
    let before: unknown[];
    try {
      before = await getExpertSlots(t.db, expert.id, q);
    } catch (e) {
      // Until the slots work lands on main the placeholder throws; the test then has nothing to check.
      if (/not implemented/.test(String(e))) return ctx.skip();
      throw e;
    }
    expect(before.length).toBeGreaterThan(0);
    await noShow();
    await noShow();
    await evaluateStanding(t.db, expert.id);
    expect(await getExpertSlots(t.db, expert.id, q)).toEqual([]);
  });
});
