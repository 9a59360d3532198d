import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NextRequest } from 'next/server';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as twilioWebhook } from '@/app/api/webhooks/twilio/route';
import { createSession } from '@/lib/auth/sessions';
import { afterBookingChange } from '@/lib/booking/after-change';
import { loadParticipants, notifyBoth } from '@/lib/booking/participants';
import type { TBookingRow } from '@/lib/booking/store';
import {
  BOOKING_CHANGED_JOB,
  onBookingChanged,
  registerReminderJobs,
  REMINDER_JOB,
  sendReminder,
} from '@/lib/notifications/booking-reminders';
import { markReadFor } from '@/lib/notifications/centre';
import { deliverMessage, registerNotificationJobs } from '@/lib/notifications/deliver';
import { notifyEvent, type TNotifyEvent } from '@/lib/notifications/notify-event';
import { checkPhoneVerification, MAX_CHECKS, MAX_SENDS_PER_WINDOW, setSmsOptIn, startPhoneVerification } from '@/lib/notifications/phone';
import { updatePreferences } from '@/lib/notifications/preferences';
import { attachRealtime } from '@/lib/realtime/attach-realtime';
import type { TRealtimeEvent } from '@/lib/realtime/events';
import { setInProcessSink } from '@/lib/realtime/publish-event';
import { createExpertProfile, createUser } from '../support/factories';
import { fakeSendgrid, fakeTwilio, twilioSignature, type TFakeProvider } from '../support/fake-notify-providers';
import { closeRouteDb, openRouteDb } from '../support/route-harness';
import type { TTestDb } from '../support/test-db';

// Issue #13's notifications: notifyEvent's routing by preferences, SMS only to verified opted-in numbers, our own
// verification codes, STOP/START through the signed Twilio webhook, the booking email with its ICS through the
// SendGrid SDK, reminders at the right instant across DST and superseded by a reschedule, and the unread count
// live over Socket.IO. Twilio Verify has its own file (notifications-verify.test.ts: the env differs).

const SID = 'AC' + '2'.repeat(32);
const TOKEN = 'twilio-auth-token-for-tests';
const APP = 'https://pathwise.example';
let t: TTestDb;
let sg: TFakeProvider;
let tw: TFakeProvider;
let http: HttpServer;
let io: Server;
let socketUrl: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  [sg, tw] = await Promise.all([fakeSendgrid(), fakeTwilio()]);
  vi.stubEnv('SENDGRID_API_KEY', 'SG.test-key');
  vi.stubEnv('SENDGRID_BASE_URL', sg.url);
  vi.stubEnv('EMAIL_FROM', 'team@pathwise.test');
  vi.stubEnv('TWILIO_ACCOUNT_SID', SID);
  vi.stubEnv('TWILIO_AUTH_TOKEN', TOKEN);
  vi.stubEnv('TWILIO_FROM_NUMBER', '+15550000000');
  vi.stubEnv('TWILIO_BASE_URL', tw.url);
  vi.stubEnv('APP_URL', APP);
  registerNotificationJobs();
  registerReminderJobs();
  t = await openRouteDb();
  http = createServer();
  io = new Server(http);
  setInProcessSink(attachRealtime(io, { getDb: async () => t.db, allowedOrigins: [] }));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  socketUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterEach(() => {
  sg.script.length = 0;
  tw.script.length = 0;
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  setInProcessSink(undefined);
  await new Promise<void>((r) => io.close(() => r()));
  await closeRouteDb(t);
  await Promise.all([sg.close(), tw.close()]);
  vi.unstubAllEnvs();
});

const notify = (n: TNotifyEvent) => t.db.transaction((tx) => notifyEvent(tx, n));
const event = (userId: string, e: TNotifyEvent['event'] = 'booking.confirmed', sms?: string): TNotifyEvent => ({
  userId,
  event: e,
  title: 'Session confirmed',
  body: 'Your session is confirmed.',
  link: '/sessions',
  sms,
});
async function sent(userId: string) {
  const inApp = await t.db.query<{ kind: string }>('select kind from public.notifications where user_id = $1', [userId]);
  const out = await t.db.query<{ channel: string; recipient: string; body: string; template: string; id: string }>(
    'select id, channel, recipient, body, template from public.outbox_messages where user_id = $1 order by created_at',
    [userId],
  );
  return {
    inApp: inApp.rows.length,
    email: out.rows.filter((r) => r.channel === 'email'),
    sms: out.rows.filter((r) => r.channel === 'sms'),
  };
}
async function verifiedPhone(userId: string, e164: string, o: { optIn?: boolean } = {}) {
  await t.db.query(
    'insert into public.user_phones (user_id, e164, verified_at, sms_opt_in) values ($1, $2, now(), $3) on conflict (user_id) do update set e164 = $2, verified_at = now(), sms_opt_in = $3, stopped_at = null',
    [userId, e164, o.optIn ?? true],
  );
}
const secretCode = async (userId: string) =>
  /\b(\d{6})\b/.exec(
    (
      await t.db.query<{ secret_body: string }>(
        "select secret_body from public.outbox_messages where user_id = $1 and template = 'phone.verify' order by created_at desc limit 1",
        [userId],
      )
    ).rows[0].secret_body,
  )![1];

describe('notifyEvent applies preferences', () => {
  it('sends in-app and email by default, and leaves out each channel the user turns off', async () => {
    const u = await createUser(t.db);
    await notify(event(u.id));
    expect(await sent(u.id)).toMatchObject({ inApp: 1, email: [{ template: 'booking.confirmed', recipient: u.email }], sms: [] });

    await t.db.transaction((tx) =>
      updatePreferences(tx, u.id, { changes: [{ event: 'booking.confirmed', channel: 'email', enabled: false }] }),
    );
    await notify(event(u.id));
    let s = await sent(u.id);
    expect([s.inApp, s.email.length]).toEqual([2, 1]);

    await t.db.transaction((tx) =>
      updatePreferences(tx, u.id, { changes: [{ event: 'booking.confirmed', channel: 'in_app', enabled: false }] }),
    );
    await notify(event(u.id));
    s = await sent(u.id);
    expect([s.inApp, s.email.length]).toEqual([2, 1]);

    // Other events keep their defaults; the 1 h reminder does not email by default.
    await notify(event(u.id, 'booking.reminder_1h'));
    s = await sent(u.id);
    expect([s.inApp, s.email.length]).toEqual([3, 1]);
  });

  it('keeps a payment receipt by email whatever is stored, and refuses to turn it off', async () => {
    const u = await createUser(t.db);
    await expect(
      t.db.transaction((tx) => updatePreferences(tx, u.id, { changes: [{ event: 'payment.receipt', channel: 'email', enabled: false }] })),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['changes', 0, 'enabled'] })] });
    await t.db.query(
      `insert into public.notification_preferences (user_id, event, channel, enabled) values ($1, 'payment.receipt', 'email', false)`,
      [u.id],
    );
    await notify({ ...event(u.id, 'payment.receipt'), title: 'Receipt' });
    expect((await sent(u.id)).email).toHaveLength(1);
    await expect(
      t.db.transaction((tx) => updatePreferences(tx, u.id, { changes: [{ event: 'review.new', channel: 'sms', enabled: true }] })),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['changes', 0, 'channel'] })] });
  });
});

describe('SMS only to a verified, opted-in number', () => {
  it('sends the reminder text only once the number is verified and opted in, and not after STOP', async () => {
    const u = await createUser(t.db);
    const n = event(u.id, 'booking.reminder_1h', 'Pathwise: session in 1 hour.');
    await notify(n); // no phone
    await t.db.query(`insert into public.user_phones (user_id, e164) values ($1, '+14155550101')`, [u.id]);
    await notify(n); // unverified
    await verifiedPhone(u.id, '+14155550101', { optIn: false });
    await notify(n); // verified, not opted in
    expect((await sent(u.id)).sms).toEqual([]);

    await t.db.transaction((tx) => setSmsOptIn(tx, u.id, { smsOptIn: true }));
    await notify(n);
    const s = (await sent(u.id)).sms;
    expect(s).toMatchObject([{ recipient: '+14155550101', template: 'booking.reminder_1h' }]);
    expect(s[0].body).toBe('Pathwise: session in 1 hour. Reply STOP to opt out.');

    await t.db.query('update public.user_phones set stopped_at = now() where user_id = $1', [u.id]);
    await notify(n);
    expect((await sent(u.id)).sms).toHaveLength(1);
    // The user's own preference can also keep SMS off for the event.
    await t.db.query('update public.user_phones set stopped_at = null where user_id = $1', [u.id]);
    await t.db.transaction((tx) =>
      updatePreferences(tx, u.id, { changes: [{ event: 'booking.reminder_1h', channel: 'sms', enabled: false }] }),
    );
    await notify(n);
    expect((await sent(u.id)).sms).toHaveLength(1);
  });

  it('verifies a number with our own code: sent through the outbox, hashed, limited in sends and tries', async () => {
    const u = await createUser(t.db);
    await expect(t.db.transaction((tx) => startPhoneVerification(tx, u.id, { phone: '12345', country: 'US' }))).rejects.toMatchObject({
      code: 'invalid_input',
      fields: { phone: expect.any(String) },
    });
    const state = await t.db.transaction((tx) => startPhoneVerification(tx, u.id, { phone: '030 1234567', country: 'DE' }));
    expect(state).toMatchObject({ e164: '+49301234567', verified: false, pending: true, via: 'local' });
    const code = await secretCode(u.id);
    // Admins see the message with the code masked; the code is stored only as a hash.
    const row = (
      await t.db.query<{ body: string; recipient: string }>(`select body, recipient from public.outbox_messages where user_id = $1`, [u.id])
    ).rows[0];
    expect(row.recipient).toBe('+49301234567');
    expect(row.body).not.toContain(code);
    const pv = (await t.db.query<{ code_hash: string }>('select code_hash from public.phone_verifications where user_id = $1', [u.id]))
      .rows[0];
    expect(pv.code_hash).not.toContain(code);

    const wrong = code === '000000' ? '111111' : '000000';
    await expect(checkPhoneVerification(t.db, u.id, { code: wrong })).rejects.toMatchObject({
      code: 'invalid_input',
      fields: { code: expect.any(String) },
    });
    const after = await checkPhoneVerification(t.db, u.id, { code });
    expect(after).toMatchObject({ verified: true, smsOptIn: false, e164: '+49301234567' });
    await expect(checkPhoneVerification(t.db, u.id, { code })).rejects.toMatchObject({ code: 'conflict' });
  });

  it(`refuses a ${MAX_SENDS_PER_WINDOW + 1}th code in 15 minutes and a code after ${MAX_CHECKS} wrong tries`, async () => {
    const u = await createUser(t.db);
    for (let i = 0; i < MAX_SENDS_PER_WINDOW; i++)
      await t.db.transaction((tx) => startPhoneVerification(tx, u.id, { phone: '+14155550111' }));
    await expect(t.db.transaction((tx) => startPhoneVerification(tx, u.id, { phone: '+14155550111' }))).rejects.toMatchObject({
      code: 'rate_limited',
    });
    const code = await secretCode(u.id);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < MAX_CHECKS; i++)
      await expect(checkPhoneVerification(t.db, u.id, { code: wrong })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(checkPhoneVerification(t.db, u.id, { code })).rejects.toMatchObject({ code: 'rate_limited' });
    expect((await t.db.query('select 1 from public.user_phones where user_id = $1 and verified_at is not null', [u.id])).rows).toHaveLength(
      0,
    );
  });
});

describe('STOP and START through the signed Twilio webhook', () => {
  const webhook = (params: Record<string, string>, signature?: string) => {
    const body = new URLSearchParams(params).toString();
    return twilioWebhook(
      new NextRequest(`http://internal:3000/api/webhooks/twilio`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signature ?? twilioSignature(TOKEN, `${APP}/api/webhooks/twilio`, params),
        },
      }),
    );
  };
  const phoneRow = async (userId: string) =>
    (
      await t.db.query<{ sms_opt_in: boolean; stopped_at: Date | null }>(
        'select sms_opt_in, stopped_at from public.user_phones where user_id = $1',
        [userId],
      )
    ).rows[0];

  it('STOP opts the number out, START back in; a bad signature changes nothing', async () => {
    const u = await createUser(t.db);
    await verifiedPhone(u.id, '+14155550122');
    const stop = { MessageSid: 'SM' + '9'.repeat(32), AccountSid: SID, From: '+14155550122', To: '+15550000000', Body: 'Stop ' };

    const forged = await webhook(stop, twilioSignature('not-the-token', `${APP}/api/webhooks/twilio`, stop));
    expect(forged.status).toBe(403);
    expect((await webhook(stop, twilioSignature(TOKEN, `${APP}/api/webhooks/other`, stop))).status).toBe(403);
    expect((await webhook({ ...stop, Body: 'START' }, twilioSignature(TOKEN, `${APP}/api/webhooks/twilio`, stop))).status).toBe(403);
    expect(await phoneRow(u.id)).toMatchObject({ sms_opt_in: true, stopped_at: null });

    const res = await webhook(stop);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/xml');
    expect(await phoneRow(u.id)).toMatchObject({ sms_opt_in: false, stopped_at: expect.any(Date) });
    await notify(event(u.id, 'booking.reminder_1h', 'Reminder.'));
    expect((await sent(u.id)).sms).toEqual([]);

    expect((await webhook({ ...stop, Body: 'START' })).status).toBe(200);
    expect(await phoneRow(u.id)).toMatchObject({ sms_opt_in: true, stopped_at: null });
    await notify(event(u.id, 'booking.reminder_1h', 'Reminder.'));
    expect((await sent(u.id)).sms).toHaveLength(1);
  });

  it('refuses a body that is not form-encoded', async () => {
    const res = await twilioWebhook(
      new NextRequest(`http://internal:3000/api/webhooks/twilio`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(res.status).toBe(415);
  });
});

// A confirmed booking between a learner in `learnerTz` and an expert in `expertTz`, starting at `start`.
async function booking(start: Date, learnerTz: string, expertTz: string) {
  const learner = await createUser(t.db, { name: 'Lena Learner' });
  const expertUser = await createUser(t.db, { role: 'expert', name: 'Eric Expert' });
  const profile = await createExpertProfile(t.db, expertUser.id);
  await t.db.query('update public.expert_profiles set timezone = $2, display_name = $3 where id = $1', [
    profile.id,
    expertTz,
    'Eric Expert',
  ]);
  const { rows } = await t.db.query<TBookingRow>(
    `insert into public.bookings (expert_id, learner_id, starts_at, ends_at, duration_minutes, status, price_minor, currency, payment_status,
                                  confirmed_at, learner_timezone, brief)
     values ($1, $2, $3, $3::timestamptz + interval '60 minutes', 60, 'confirmed', 5000, 'USD', 'paid', now(), $4, 'Window functions') returning *`,
    [profile.id, learner.id, start, learnerTz],
  );
  return { b: rows[0], learner, expertUser };
}
const reminderJobs = async (bookingId: string) =>
  (
    await t.db.query<{ run_at: Date; data: { kind: string; sequence: number } }>(
      `select run_at, data from public.jobs where name = $1 and data->>'bookingId' = $2 order by run_at`,
      [REMINDER_JOB, bookingId],
    )
  ).rows;

describe('booking notices', () => {
  it('emails both sides through SendGrid with HTML, text, both time zones and the ICS attached', async () => {
    const { b, learner, expertUser } = await booking(new Date('2027-05-04T14:00:00Z'), 'Europe/Berlin', 'America/New_York');
    await t.db.transaction(async (tx) => notifyBoth(tx, b, await loadParticipants(tx, b), 'confirmed'));
    const mail = (await sent(learner.id)).email[0];
    expect(await deliverMessage(t.db, mail.id)).toBe('sent');
    const req = sg.requests.at(-1)!;
    const body = req.json as {
      personalizations: { to: { email: string }[] }[];
      subject: string;
      content: { type: string; value: string }[];
      attachments: { filename: string; type: string; content: string; disposition: string }[];
    };
    expect(body.personalizations[0].to[0].email).toBe(learner.email);
    expect(body.subject).toBe('Session confirmed: Tuesday, 4 May 2027, 16:00 CEST');
    const text = body.content.find((c) => c.type === 'text/plain')!.value;
    expect(text).toContain('Tuesday, 4 May 2027, 16:00 CEST (Tuesday, 4 May 2027, 10:00 EDT for Eric Expert)');
    expect(body.content.find((c) => c.type === 'text/html')!.value).toContain('<h1');
    expect(body.attachments).toHaveLength(1);
    expect(body.attachments[0]).toMatchObject({ filename: 'session.ics', disposition: 'attachment' });
    const ics = Buffer.from(body.attachments[0].content, 'base64').toString('utf8');
    expect(ics).toContain(`UID:${b.id}@pathwise`);
    expect(ics).toContain('DTSTART:20270504T140000Z');
    expect(ics).toContain('METHOD:REQUEST');
    // The expert's copy speaks in the expert's zone.
    expect((await sent(expertUser.id)).email[0].body).toContain(
      'Tuesday, 4 May 2027, 10:00 EDT (Tuesday, 4 May 2027, 16:00 CEST for Lena Learner)',
    );
    expect((await sent(expertUser.id)).inApp).toBe(1);
  });
});

describe('reminders', () => {
  it('Berlin, DST starting 28 March 2027: due at exactly start − 24 h and − 1 h, texts in each zone', async () => {
    // 28 March 2027 09:00 UTC = 11:00 CEST (clocks went forward at 01:00 UTC); the day before at 09:00 UTC was 10:00 CET.
    const start = new Date('2027-03-28T09:00:00Z');
    const { b, learner, expertUser } = await booking(start, 'Europe/Berlin', 'America/New_York');
    expect(
      await onBookingChanged(t.db, { bookingId: b.id, change: 'confirmed', sequence: b.sequence }, new Date('2027-03-01T00:00:00Z')),
    ).toBe(2);
    const jobs = await reminderJobs(b.id);
    expect(jobs.map((j) => new Date(j.run_at).toISOString())).toEqual(['2027-03-27T09:00:00.000Z', '2027-03-28T08:00:00.000Z']);
    expect(jobs.map((j) => j.data.kind)).toEqual(['reminder_24h', 'reminder_1h']);
    expect(new Date(jobs[0].run_at).getTime()).toBe(start.getTime() - 24 * 3_600_000);

    expect(await sendReminder(t.db, { bookingId: b.id, kind: 'reminder_24h', sequence: b.sequence })).toBe('sent');
    const l = await sent(learner.id);
    expect(l.email[0].body).toContain('Sunday, 28 March 2027, 11:00 CEST');
    expect(l.email[0].body).toContain('starts in 24 hours');
    expect((await sent(expertUser.id)).email[0].body).toContain('Sunday, 28 March 2027, 05:00 EDT');
  });

  it('New York, DST ending 7 November 2027: 24 h before is 11:00 EDT the day before a 10:00 EST start', async () => {
    const start = new Date('2027-11-07T15:00:00Z'); // 10:00 EST; the day before at 15:00 UTC was 11:00 EDT
    const { b, learner, expertUser } = await booking(start, 'America/New_York', 'Europe/Berlin');
    await onBookingChanged(t.db, { bookingId: b.id, change: 'confirmed', sequence: b.sequence }, new Date('2027-11-01T00:00:00Z'));
    const jobs = await reminderJobs(b.id);
    expect(jobs.map((j) => new Date(j.run_at).toISOString())).toEqual(['2027-11-06T15:00:00.000Z', '2027-11-07T14:00:00.000Z']);
    await verifiedPhone(learner.id, '+12125550199');
    expect(await sendReminder(t.db, { bookingId: b.id, kind: 'reminder_1h', sequence: b.sequence })).toBe('sent');
    const l = await sent(learner.id);
    expect(l.sms).toHaveLength(1);
    expect(l.sms[0].body).toContain('Sun 7 Nov, 10:00 EST');
    expect(l.email).toHaveLength(0); // the 1 h reminder does not email by default
    expect((await sent(expertUser.id)).inApp).toBe(1);
  });

  it('leaves out reminders whose time has passed', async () => {
    const { b } = await booking(new Date('2027-06-01T12:00:00Z'), 'UTC', 'UTC');
    expect(
      await onBookingChanged(t.db, { bookingId: b.id, change: 'confirmed', sequence: b.sequence }, new Date('2027-06-01T09:00:00Z')),
    ).toBe(1);
    expect((await reminderJobs(b.id)).map((j) => j.data.kind)).toEqual(['reminder_1h']);
  });

  it('a reschedule supersedes the old reminders, a cancel all of them', async () => {
    const { b, learner } = await booking(new Date('2027-07-01T12:00:00Z'), 'UTC', 'UTC');
    const now = new Date('2027-06-01T00:00:00Z');
    // The booking's own change queues the listener job (lib/booking/after-change.ts).
    await t.db.transaction((tx) => afterBookingChange(tx, b, 'confirmed'));
    expect(
      (await t.db.query(`select 1 from public.jobs where name = $1 and data->>'bookingId' = $2`, [BOOKING_CHANGED_JOB, b.id])).rows,
    ).toHaveLength(1);
    await onBookingChanged(t.db, { bookingId: b.id, change: 'confirmed', sequence: b.sequence }, now);

    // Moved by a day: sequence + 1, new reminders for the new time.
    await t.db.query(
      `update public.bookings set starts_at = starts_at + interval '1 day', ends_at = ends_at + interval '1 day', sequence = sequence + 1 where id = $1`,
      [b.id],
    );
    // A late listener job for the old sequence schedules nothing.
    expect(await onBookingChanged(t.db, { bookingId: b.id, change: 'confirmed', sequence: b.sequence }, now)).toBe(0);
    expect(await onBookingChanged(t.db, { bookingId: b.id, change: 'rescheduled', sequence: b.sequence + 1 }, now)).toBe(2);
    const jobs = await reminderJobs(b.id);
    expect(jobs.map((j) => [new Date(j.run_at).toISOString(), j.data.sequence])).toEqual([
      ['2027-06-30T12:00:00.000Z', b.sequence],
      ['2027-07-01T11:00:00.000Z', b.sequence],
      ['2027-07-01T12:00:00.000Z', b.sequence + 1],
      ['2027-07-02T11:00:00.000Z', b.sequence + 1],
    ]);
    expect(await sendReminder(t.db, { bookingId: b.id, kind: 'reminder_24h', sequence: b.sequence })).toBe('superseded');
    expect((await sent(learner.id)).inApp).toBe(0);
    expect(await sendReminder(t.db, { bookingId: b.id, kind: 'reminder_24h', sequence: b.sequence + 1 })).toBe('sent');
    expect((await sent(learner.id)).inApp).toBe(1);

    await t.db.query(`update public.bookings set status = 'cancelled', sequence = sequence + 1 where id = $1`, [b.id]);
    expect(await sendReminder(t.db, { bookingId: b.id, kind: 'reminder_1h', sequence: b.sequence + 1 })).toBe('superseded');
    expect((await sent(learner.id)).inApp).toBe(1);
  });
});

describe('live unread count', () => {
  it('reaches every tab of the user after an insert and after mark-all-read', async () => {
    const u = await createUser(t.db);
    const other = await createUser(t.db);
    const cookie = async (id: string) => `pw_session=${(await createSession(t.db, id, 1)).token}`;
    const open = async (c: string) => {
      const s = connect(socketUrl, { transports: ['websocket'], extraHeaders: { cookie: c } });
      sockets.push(s);
      await new Promise<void>((resolve, reject) => (s.once('connect', () => resolve()), s.once('connect_error', reject)));
      return s;
    };
    const c = await cookie(u.id);
    const [tab1, tab2, stranger] = await Promise.all([open(c), open(c), open(await cookie(other.id))]);
    const counts = (s: Socket) => {
      const seen: number[] = [];
      s.on('event', (e: TRealtimeEvent) => e.type === 'notifications.unread' && seen.push(e.payload.unread as number));
      return seen;
    };
    const [c1, c2, c3] = [counts(tab1), counts(tab2), counts(stranger)];
    const until = async (check: () => boolean) => {
      for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
      expect(check()).toBe(true);
    };

    await notify(event(u.id));
    await until(() => c1.length === 1 && c2.length === 1);
    await notify(event(u.id, 'review.new'));
    await until(() => c1.length === 2 && c2.length === 2);
    expect(c1).toEqual([1, 2]);

    const first = (
      await t.db.query<{ id: string }>('select id from public.notifications where user_id = $1 order by created_at limit 1', [u.id])
    ).rows[0];
    expect(await markReadFor(t.db, u, { ids: [first.id] })).toEqual({ unread: 1, marked: 1 });
    // Another user's ids are not theirs to mark: RLS leaves them alone.
    expect(await markReadFor(t.db, other, { ids: [first.id] })).toMatchObject({ marked: 0 });
    expect(await markReadFor(t.db, u, { all: true })).toEqual({ unread: 0, marked: 1 });
    await until(() => c2.length === 4);
    expect(c2).toEqual([1, 2, 1, 0]);
    expect(c3.filter((n) => n > 0)).toEqual([]);
  });
});
