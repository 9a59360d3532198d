import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCurriculumRequest } from '@/lib/curriculum/create-curriculum-request';
import { getCurriculumOrThrow } from '@/lib/curriculum/get-curriculum';
import { offlineProvider } from '@/lib/curriculum/get-provider';
import { runGeneration } from '@/lib/curriculum/run-generation';
import { ZCurriculumRequest } from '@/lib/curriculum/schemas';
import { withUser } from '@/lib/db';
import { saveLessonProgress } from '@/lib/progress/update-lesson-progress';
import type { TRealtimeEvent } from '@/lib/realtime/events';
import { publishEvent, setInProcessSink } from '@/lib/realtime/publish-event';
import { createUser } from '../support/factories';
import { createTestDb, type TTestDb } from '../support/test-db';

// Events leave the process only once the write they announce has committed (issue #9, "events after commit").

let t: TTestDb;
const delivered: { userId: string; event: TRealtimeEvent }[] = [];
beforeAll(async () => {
  t = await createTestDb();
  setInProcessSink({
    emit: (userId, event) => void delivered.push({ userId, event }),
    disconnectSessions: () => {},
    slotsChanged: () => {},
  });
});
afterEach(() => void delivered.splice(0));
afterAll(async () => {
  setInProcessSink(undefined);
  await t.drop();
});

const storedEvents = async (userId: string) =>
  (await t.db.query<{ n: number }>('select count(*)::int as n from public.realtime_events where user_id = $1', [userId])).rows[0].n;

describe('publishEvent inside a transaction', () => {
  it('delivers nothing, and stores nothing, when the transaction rolls back', async () => {
    const user = await createUser(t.db);
    await expect(
      t.db.transaction(async (tx) => {
        await publishEvent(tx, user.id, 'progress.updated', { n: 1 });
        throw new Error('the write failed after the event was queued');
      }),
    ).rejects.toThrow(/write failed/);
    expect(delivered).toEqual([]);
    expect(await storedEvents(user.id)).toBe(0);
  });

  it('delivers only after the commit, not while the transaction is open', async () => {
    const user = await createUser(t.db);
    let seenInside = -1;
    await t.db.transaction(async (tx) => {
      await publishEvent(tx, user.id, 'progress.updated', { n: 2 });
      seenInside = delivered.length;
    });
    expect(seenInside).toBe(0);
    expect(delivered.map((d) => [d.userId, d.event.payload.n])).toEqual([[user.id, 2]]);
    expect(await storedEvents(user.id)).toBe(1);
  });

  it('drops the hooks of a rolled-back user transaction too', async () => {
    const user = await createUser(t.db);
    let ran = false;
    await expect(
      withUser(t.db, user, async (tx) => {
        tx.afterCommit(() => (ran = true));
        await tx.query('select 1/0');
      }),
    ).rejects.toThrow();
    expect(ran).toBe(false);
    await withUser(t.db, user, async (tx) => tx.afterCommit(() => (ran = true)));
    expect(ran).toBe(true);
  });
});

describe('lib entry points publish after the write commits', () => {
  it('a lesson update that fails publishes nothing; one that commits publishes once', async () => {
    const user = await createUser(t.db);
    const request = ZCurriculumRequest.parse({
      goal: 'Learn SQL joins',
      level: 'beginner',
      hoursPerWeek: 3,
      weeks: 2,
      materials: ['reading'],
    });
    const { id } = await withUser(t.db, user, (tx) =>
      createCurriculumRequest(tx, { userId: user.id, request, provider: 'offline', dailyLimit: 5 }),
    );
    expect(await runGeneration(t.db, id, offlineProvider)).toBe('ready');
    const c = await withUser(t.db, user, (tx) => getCurriculumOrThrow(tx, { id, userId: user.id }));
    const lessonId = c.plan!.modules[0].lessons[0].id;
    delivered.splice(0);
    const before = await storedEvents(user.id);

    await expect(
      saveLessonProgress(t.db, user, { curriculumId: id, lessonId: 'not-a-lesson', update: { status: 'done' } }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(delivered).toEqual([]);
    expect(await storedEvents(user.id)).toBe(before);

    await saveLessonProgress(t.db, user, { curriculumId: id, lessonId, update: { status: 'done' } });
    expect(delivered.map((d) => d.event.type)).toEqual(['progress.updated']);
    expect(delivered[0].event.payload).toMatchObject({ curriculumId: id, lessonId, status: 'done' });
    expect(await storedEvents(user.id)).toBe(before + 1);
  });
});
