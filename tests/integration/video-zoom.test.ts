import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TSessionUser } from '@/lib/auth/schemas';
import { createMemoryCache } from '@/lib/cache/cache';
import { createHold } from '@/lib/booking/create-hold';
import { paySimulated as payBooking } from '@/lib/payments/simulated';
import { cancelBooking, rescheduleBooking } from '@/lib/booking/manage';
import { setSlotSourceForTests } from '@/lib/booking/slot-source';
import { getBookingView } from '@/lib/booking/views';
import { syncMeeting } from '@/lib/video/meeting-sync';
import { getVideoSettings, saveVideoSettings } from '@/lib/video/offering-video';
import { registerVideoJobs } from '@/lib/video/register-jobs';
import { clearZoomTokenCache, createZoomMeeting, zoomToken, ZoomError, type TZoomConfig } from '@/lib/video/zoom';
import { fakeZoom, type TFakeZoom } from '../support/fake-zoom';
import { createTestDb, type TTestDb } from '../support/test-db';
import { bookableExpert, everyHalfHourSlotsForTests, hoursAhead, learners } from './booking.fixtures';

// Zoom through a local HTTP server answering as Zoom's documented OAuth and Meetings APIs do (tests/support/fake-zoom.ts):
// the Server-to-Server token (Basic auth, cached until expiry, refreshed on a 401), and the meeting kept in line with
// the booking by the video.meeting-sync listener — created on confirm, moved on reschedule, deleted on cancel — however
// often and in whatever order its jobs run.

vi.mock('@/lib/realtime/publish-slots', () => ({ publishSlotsChanged: () => undefined }));
vi.mock('@/lib/experts/refresh-next-available', () => ({ refreshNextAvailable: async () => undefined }));

let t: TTestDb;
let zoom: TFakeZoom;
let cfg: TZoomConfig;
let learner: TSessionUser;
let expert: Awaited<ReturnType<typeof bookableExpert>>;
const holder = globalThis as unknown as { __pathwiseDb?: Promise<unknown>; __pathwiseCache?: unknown };

beforeAll(async () => {
  t = await createTestDb();
  holder.__pathwiseDb = Promise.resolve(t.db);
  holder.__pathwiseCache = createMemoryCache();
  setSlotSourceForTests(everyHalfHourSlotsForTests);
  zoom = await fakeZoom();
  cfg = { accountId: zoom.accountId, clientId: zoom.clientId, clientSecret: zoom.clientSecret, apiBase: zoom.url, oauthBase: zoom.url };
  [learner] = await learners(t.db, 1);
  expert = await bookableExpert(t.db);
  await t.db.query("update public.expert_offerings set video_provider = 'zoom' where expert_id = $1 and duration_minutes = 60", [
    expert.id,
  ]);
});
afterAll(async () => {
  setSlotSourceForTests(null);
  holder.__pathwiseDb = undefined;
  await zoom.close();
  await t.drop();
});
beforeEach(() => {
  clearZoomTokenCache();
  zoom.requests.length = 0;
  zoom.script.length = 0;
  zoom.meetings.clear();
});

async function confirmedBooking(hours: number, lengthMinutes = 60) {
  const { id } = await createHold(t.db, learner, {
    expertSlug: expert.slug,
    start: hoursAhead(hours).toISOString(),
    lengthMinutes,
    brief: 'Private brief: my job interview',
    timeZone: 'Europe/Berlin',
  });
  await payBooking(t.db, learner, id);
  return id;
}
const row = async (id: string) =>
  (
    await t.db.query<{
      meeting_id: string | null;
      meeting_join_url: string | null;
      video_provider: string | null;
      meeting_error: string | null;
    }>('select meeting_id, meeting_join_url, video_provider, meeting_error from public.bookings where id = $1', [id])
  ).rows[0];

describe('Server-to-Server OAuth token', () => {
  it('asks with Basic client credentials and the account id, and reuses the token until it expires', async () => {
    let now = 1_000_000;
    const first = await zoomToken(cfg, { now: () => now });
    expect(await zoomToken(cfg, { now: () => now + 3000 * 1000 })).toBe(first);
    expect(zoom.tokenRequests()).toHaveLength(1);
    const r = zoom.tokenRequests()[0];
    expect(r.query.get('grant_type')).toBe('account_credentials');
    expect(r.query.get('account_id')).toBe(zoom.accountId);
    expect(r.headers.authorization).toBe(`Basic ${Buffer.from(`${zoom.clientId}:${zoom.clientSecret}`).toString('base64')}`);
    now += 3599 * 1000; // past expires_in minus the minute of margin
    expect(await zoomToken(cfg, { now: () => now })).not.toBe(first);
    expect(zoom.tokenRequests()).toHaveLength(2);
  });

  it('asks once however many calls wait for a token at the same time', async () => {
    await Promise.all(Array.from({ length: 5 }, () => zoomToken(cfg)));
    expect(zoom.tokenRequests()).toHaveLength(1);
  });

  it('refuses wrong credentials as a failure a retry cannot fix', async () => {
    const err = await createZoomMeeting({ ...cfg, clientSecret: 'wrong' }, { topic: 't', start: new Date(), durationMinutes: 30 }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(ZoomError);
    expect((err as ZoomError).retryable).toBe(false);
  });

  it('a 401 on the API (token revoked) gets a new token and the call succeeds', async () => {
    await zoomToken(cfg);
    zoom.revokeTokens();
    const m = await createZoomMeeting(cfg, { topic: 't', start: new Date('2026-12-01T10:00:00Z'), durationMinutes: 45 });
    expect(m.joinUrl).toMatch(/^https:\/\/us05web\.zoom\.us\/j\//);
    expect(zoom.tokenRequests()).toHaveLength(2);
    expect(zoom.apiRequests('POST').length).toBe(2); // the refused one and the retry
  });
});

describe('the meeting follows the booking', () => {
  it('the listener is registered for booking changes: confirming queues video.meeting-sync', async () => {
    registerVideoJobs();
    const id = await confirmedBooking(30);
    const { rows } = await t.db.query<{ n: number }>(
      "select count(*)::int as n from public.jobs where name = 'video.meeting-sync' and data->>'bookingId' = $1",
      [id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('confirmed: creates one Zoom meeting, stores its join URL, and the booking joinUrl shows it; retries create nothing more', async () => {
    const id = await confirmedBooking(50);
    await syncMeeting(t.db, id, { zoom: cfg });
    const r = await row(id);
    expect(r.video_provider).toBe('zoom');
    expect(r.meeting_join_url).toMatch(/^https:\/\/us05web\.zoom\.us\/j\/\d+\?pwd=/);
    const created = zoom.apiRequests('POST');
    expect(created).toHaveLength(1);
    const body = created[0].json as Record<string, unknown>;
    expect(body).toMatchObject({ type: 2, duration: 60, timezone: 'UTC' });
    expect(body.start_time).toBe(hoursAhead(50).toISOString().replace('.000Z', 'Z'));
    expect(JSON.stringify(body)).not.toContain('job interview'); // the brief stays in Pathwise
    expect((await getBookingView(t.db, learner, id)).joinUrl).toBe(r.meeting_join_url);

    await syncMeeting(t.db, id, { zoom: cfg });
    await Promise.all([syncMeeting(t.db, id, { zoom: cfg }), syncMeeting(t.db, id, { zoom: cfg })]);
    const live = [...zoom.meetings.values()].filter((m) => !m.deleted);
    expect(live.filter((m) => r.meeting_join_url === m.join_url)).toHaveLength(1);
    // Two runs racing may both create; the loser deletes its own, so exactly one meeting stays live for the booking.
    expect(live.length).toBe(1);
    expect((await row(id)).meeting_id).toBe(r.meeting_id);
  });

  it('rescheduled: moves the meeting once; cancelled: deletes it once', async () => {
    const id = await confirmedBooking(70);
    await syncMeeting(t.db, id, { zoom: cfg });
    const meetingId = (await row(id)).meeting_id!;
    const to = hoursAhead(80);
    await rescheduleBooking(t.db, learner, id, { start: to.toISOString() });
    await syncMeeting(t.db, id, { zoom: cfg });
    await syncMeeting(t.db, id, { zoom: cfg });
    expect(zoom.apiRequests('PATCH')).toHaveLength(1);
    expect(zoom.apiRequests('PATCH')[0].path).toBe(`/v2/meetings/${meetingId}`);
    expect(zoom.meetings.get(meetingId)!.start_time).toBe(to.toISOString().replace('.000Z', 'Z'));

    await cancelBooking(t.db, learner, id, { reason: 'changed plans' });
    await syncMeeting(t.db, id, { zoom: cfg });
    await syncMeeting(t.db, id, { zoom: cfg });
    expect(zoom.apiRequests('DELETE')).toHaveLength(1);
    expect(zoom.meetings.get(meetingId)!.deleted).toBe(true);
    expect(await row(id)).toMatchObject({ meeting_id: null, meeting_join_url: null });
    expect((await getBookingView(t.db, learner, id)).joinUrl).toBeNull();
  });

  it('a Zoom outage fails the job (retried with backoff) and the next run creates the meeting', async () => {
    const id = await confirmedBooking(90);
    zoom.script.push(503);
    await expect(syncMeeting(t.db, id, { zoom: cfg })).rejects.toThrow(/503/);
    expect(await row(id)).toMatchObject({ meeting_id: null });
    expect((await row(id)).meeting_error).toMatch(/503/);
    await syncMeeting(t.db, id, { zoom: cfg });
    expect(await row(id)).toMatchObject({ meeting_error: null });
    expect((await row(id)).meeting_id).not.toBeNull();
  });

  it('a meeting deleted in Zoom already counts as deleted on cancel', async () => {
    const id = await confirmedBooking(110);
    await syncMeeting(t.db, id, { zoom: cfg });
    zoom.meetings.get((await row(id)).meeting_id!)!.deleted = true;
    await cancelBooking(t.db, learner, id, {});
    await syncMeeting(t.db, id, { zoom: cfg });
    expect((await row(id)).meeting_id).toBeNull();
  });

  it('without Zoom configured, or for a session type on the built-in room, the booking joins the Pathwise room', async () => {
    const id = await confirmedBooking(130);
    await syncMeeting(t.db, id, { zoom: null });
    expect(await row(id)).toMatchObject({ video_provider: 'builtin', meeting_id: null });
    expect((await row(id)).meeting_error).toMatch(/Zoom is not configured/);
    expect((await getBookingView(t.db, learner, id)).joinUrl).toBe(`/sessions/${id}/room`);
    const short = await confirmedBooking(150, 30);
    await syncMeeting(t.db, short, { zoom: cfg });
    expect(await row(short)).toMatchObject({ video_provider: 'builtin', meeting_id: null, meeting_error: null });
    expect(zoom.apiRequests('POST')).toHaveLength(0);
  });
});

describe('the expert chooses per session type', () => {
  it('offers only what is configured: without Zoom keys, a Zoom choice is refused and nothing changes', async () => {
    const before = await getVideoSettings(t.db, expert.user);
    expect(before.available).toEqual(['builtin']);
    await expect(saveVideoSettings(t.db, expert.user, { offerings: [{ lengthMinutes: 30, videoProvider: 'zoom' }] })).rejects.toMatchObject(
      {
        code: 'unprocessable',
        fields: { 'offerings.0.videoProvider': 'Not available here.' },
      },
    );
    expect((await getVideoSettings(t.db, expert.user)).offerings).toEqual(before.offerings);
    const after = await saveVideoSettings(t.db, expert.user, { offerings: [{ lengthMinutes: 60, videoProvider: 'builtin' }] });
    expect(after.offerings.find((o) => o.lengthMinutes === 60)?.videoProvider).toBe('builtin');
    await expect(saveVideoSettings(t.db, learner, { offerings: [{ lengthMinutes: 60, videoProvider: 'builtin' }] })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
