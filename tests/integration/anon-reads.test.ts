import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExpertSlotData } from '@/lib/availability/get-expert-slots';
import { withAnon, withUser } from '@/lib/db';
import { listPublicSpecialties, listSpecialties } from '@/lib/experts/taxonomy';
import { createBooking } from '../support/booking-factories';
import { createUser } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';
import { bookableExpert } from './booking.fixtures';

// Public reads run as `anon` (withAnon): the anon policies and the functions of migration 20261128000400 give
// a visitor the same public rows the service connection reads, and nothing private.

let t: TTestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.drop());

describe('withAnon', () => {
  it('runs as anon, which may not read private tables or write', async () => {
    expect((await withAnon(t.db, (tx) => tx.query<{ u: string }>('select current_user as u'))).rows).toEqual([{ u: 'anon' }]);
    for (const table of ['users', 'bookings', 'busy_blocks', 'sessions']) {
      await expect(
        withAnon(t.db, (tx) => tx.query(`select * from public.${table} limit 1`)),
        table,
      ).rejects.toThrow(/permission denied/);
    }
    await expect(withAnon(t.db, (tx) => tx.query("insert into public.specialties (slug, label) values ('x', 'X')"))).rejects.toThrow(
      /permission denied|row-level security/,
    );
    // The service connection is untouched afterwards (the anon role never leaks into it).
    expect((await t.db.query<{ u: string }>('select current_user as u')).rows[0].u).not.toBe('anon');
  });

  it('sees the same slot data as the service connection: live bookings and busy blocks, times only', async () => {
    const expert = await bookableExpert(t.db);
    const learner = await createUser(t.db);
    await createBooking(t.db, expert.id, learner.id, { status: 'confirmed', endedHoursAgo: -30 });
    await createBooking(t.db, expert.id, learner.id, { status: 'held', endedHoursAgo: -50 });
    await createBooking(t.db, expert.id, learner.id, { status: 'cancelled', endedHoursAgo: -70, cancelledBy: 'learner' });
    await t.db.query(
      "insert into public.busy_blocks (expert_id, starts_at, ends_at) values ($1, now() + interval '4 days', now() + interval '4 days 2 hours')",
      [expert.id],
    );
    const range = { from: Date.now(), to: Date.now() + 7 * 86_400_000 };

    const privileged = await loadExpertSlotData(t.db, { slug: expert.slug }, range);
    const anon = await withAnon(t.db, (tx) => loadExpertSlotData(tx, { slug: expert.slug }, range));
    expect(privileged?.bookings).toHaveLength(2); // confirmed and held; never the cancelled one
    expect(privileged?.busy).toHaveLength(1);
    expect(anon).toEqual(privileged);
  });

  it('does not show an unlisted expert, nor (asked directly) their taken times', async () => {
    const expert = await bookableExpert(t.db);
    const learner = await createUser(t.db);
    await createBooking(t.db, expert.id, learner.id, { status: 'confirmed', endedHoursAgo: -30 });
    await t.db.query('update public.expert_profiles set hidden = true where id = $1', [expert.id]);
    const range = { from: Date.now(), to: Date.now() + 3 * 86_400_000 };
    expect(await loadExpertSlotData(t.db, { slug: expert.slug }, range)).toMatchObject({ listed: false });
    expect(await withAnon(t.db, (tx) => loadExpertSlotData(tx, { slug: expert.slug }, range))).toBeNull();
    const taken = "select count(*)::int as n from public.expert_booked_times($1, now(), now() + interval '3 days')";
    expect((await t.db.query<{ n: number }>(taken, [expert.id])).rows[0].n).toBe(1);
    expect((await withAnon(t.db, (tx) => tx.query<{ n: number }>(taken, [expert.id]))).rows[0].n).toBe(0);
    expect((await withUser(t.db, expert.user, (tx) => tx.query<{ n: number }>(taken, [expert.id]))).rows[0].n).toBe(1);
  });

  it('reads the same active specialties as the service connection', async () => {
    const all = await t.db.query<{ slug: string }>('select slug from public.specialties where active order by position, label');
    expect(all.rows.length).toBeGreaterThan(0);
    expect((await listPublicSpecialties(t.db)).map((s) => s.slug)).toEqual(all.rows.map((r) => r.slug));
    expect(await withAnon(t.db, (tx) => listSpecialties(tx))).toEqual(await listPublicSpecialties(t.db));
  });
});
