import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createJobRunner, type TJobRunner } from '@/lib/jobs/runner';
import {
  configureDeliveryForTests,
  deliverMessage,
  markLapsedUnknown,
  registerNotificationJobs,
  retryMessages,
} from '@/lib/notifications/deliver';
import { enqueueMessage, type TOutgoingMessage } from '@/lib/notifications/enqueue-message';
import { createSendgridSender, createTwilioSender, isPermanentStatus } from '@/lib/notifications/senders';
import { retryOutboxMessage } from '@/lib/notifications/retry-outbox-message';
import { createUser } from '../support/factories';
import { fakeSendgrid, fakeTwilio, type TFakeProvider } from '../support/fake-notify-providers';
import { expectLoggedError } from '../support/logged-errors';
import { createTestDb, type TTestDb } from '../support/test-db';

// The outbox delivered by the job queue through the real @sendgrid/mail and twilio SDKs, pointed at local
// servers that answer as the documented APIs do. PGlite (table queue) by default; Postgres (pg-boss) with
// TEST_DATABASE_URL.

const SID = 'AC' + '1'.repeat(32);
let t: TTestDb;
let sg: TFakeProvider;
let tw: TFakeProvider;
const runners: TJobRunner[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await sleep(25);
  }
}
async function runner() {
  const r = await createJobRunner(t.db, { pollMs: 50, retryBaseMs: 100, leaseMs: 1000 });
  runners.push(r);
  return r;
}
async function row(id: string) {
  const { rows } = await t.db.query<{
    status: string;
    attempts: number;
    last_error: string | null;
    provider: string;
    provider_message_id: string | null;
  }>('select status, attempts, last_error, provider, provider_message_id from public.outbox_messages where id = $1', [id]);
  return rows[0];
}
const statusIs = (id: string, status: string) => async () => (await row(id)).status === status;
const enqueue = (m: Partial<TOutgoingMessage> & Pick<TOutgoingMessage, 'channel' | 'recipient'>) =>
  t.db.transaction((tx) => enqueueMessage(tx, { template: 'test', subject: 'Hello', body: 'Plain body', ...m }));
const sentTo = (fake: TFakeProvider, recipient: string) =>
  fake.requests.filter((r) => r.raw.includes(fake === tw ? encodeURIComponent(recipient) : recipient)).length;

beforeAll(async () => {
  [sg, tw] = await Promise.all([fakeSendgrid(), fakeTwilio()]);
  // env() is parsed at first use in this file's module graph, after these.
  vi.stubEnv('SENDGRID_API_KEY', 'SG.test-key');
  vi.stubEnv('SENDGRID_BASE_URL', sg.url);
  vi.stubEnv('EMAIL_FROM', 'team@pathwise.test');
  vi.stubEnv('TWILIO_ACCOUNT_SID', SID);
  vi.stubEnv('TWILIO_AUTH_TOKEN', 'test-auth-token');
  vi.stubEnv('TWILIO_FROM_NUMBER', '+15550000000');
  vi.stubEnv('TWILIO_BASE_URL', tw.url);
  vi.stubEnv('NOTIFICATION_ATTEMPTS', '3');
  registerNotificationJobs();
  t = await createTestDb();
});
afterEach(async () => {
  for (const r of runners.splice(0)) await r.stop(2000);
  configureDeliveryForTests(null);
  sg.script.length = 0;
  tw.script.length = 0;
});
afterAll(async () => {
  await t?.drop();
  await Promise.all([sg.close(), tw.close()]);
  vi.unstubAllEnvs();
});

describe('outbox delivery', () => {
  it('delivers an email through SendGrid: from, to, subject, text and HTML, the ICS attached', async () => {
    const ics = Buffer.from('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n').toString('base64');
    const { id } = await enqueue({
      channel: 'email',
      recipient: 'ada@example.test',
      subject: 'Your session',
      body: 'See you Monday',
      html: '<p>See you <b>Monday</b></p>',
      attachments: [{ filename: 'session.ics', type: 'text/calendar', content: ics }],
    });
    expect(await row(id)).toMatchObject({ status: 'pending', provider: 'sendgrid' });
    await runner();
    await waitFor(statusIs(id, 'sent'));
    expect(sg.requests).toHaveLength(1);
    const req = sg.requests[0];
    expect(req.headers.authorization).toBe('Bearer SG.test-key');
    expect(req.json).toMatchObject({
      from: { email: 'team@pathwise.test' },
      personalizations: [{ to: [{ email: 'ada@example.test' }] }],
      subject: 'Your session',
      content: [
        { type: 'text/plain', value: 'See you Monday' },
        { type: 'text/html', value: '<p>See you <b>Monday</b></p>' },
      ],
      attachments: [{ filename: 'session.ics', type: 'text/calendar', content: ics, disposition: 'attachment' }],
    });
    expect(await row(id)).toMatchObject({ attempts: 1, provider_message_id: 'sg-msg-1' });
  });

  it('delivers an SMS through Twilio with the account, sender and body', async () => {
    const { id } = await enqueue({ channel: 'sms', recipient: '+15551112222', body: 'Session in 1 hour' });
    await runner();
    await waitFor(statusIs(id, 'sent'));
    const req = tw.requests.at(-1)!;
    expect(req.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(req.form).toEqual({ To: '+15551112222', From: '+15550000000', Body: 'Session in 1 hour' });
    expect(req.headers.authorization).toBe('Basic ' + Buffer.from(`${SID}:test-auth-token`).toString('base64'));
    expect((await row(id)).provider_message_id).toMatch(/^SM\d{32}$/);
  });

  it('a message from a rolled-back transaction is neither kept nor sent', async () => {
    const before = sg.requests.length;
    await expect(
      t.db.transaction(async (tx) => {
        await enqueueMessage(tx, { channel: 'email', recipient: 'ghost@example.test', template: 't', body: 'x' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await runner();
    await sleep(500);
    expect(sg.requests.length).toBe(before);
  });

  it('a provider 500 is retried with backoff, then sent once', async () => {
    expectLoggedError(/job failed; will retry: DeliveryError: SendGrid: 500/);
    sg.script.push(500);
    const { id } = await enqueue({ channel: 'email', recipient: 'retry@example.test' });
    await runner();
    await waitFor(statusIs(id, 'sent'));
    expect(sentTo(sg, 'retry@example.test')).toBe(2);
    expect(await row(id)).toMatchObject({ attempts: 2, last_error: null });
  });

  it('a 4xx is not retried: the message is failed with the error', async () => {
    const { id } = await enqueue({ channel: 'sms', recipient: '+15553334444', body: 'x' });
    tw.script.push(400);
    await runner();
    await waitFor(statusIs(id, 'failed'));
    await sleep(400);
    expect(sentTo(tw, '+15553334444')).toBe(1);
    expect((await row(id)).last_error).toMatch(/^Twilio: 400 .*code 21211/);
  });

  it('a provider that keeps failing is given up after NOTIFICATION_ATTEMPTS, failed with the last error', async () => {
    expectLoggedError(/job failed; will retry: DeliveryError: SendGrid: 503/);
    sg.script.push(503, 503, 503);
    const { id } = await enqueue({ channel: 'email', recipient: 'down@example.test' });
    await runner();
    await waitFor(statusIs(id, 'failed'));
    expect(sentTo(sg, 'down@example.test')).toBe(3);
    expect(await row(id)).toMatchObject({ attempts: 3, last_error: expect.stringMatching(/^SendGrid: 503/) });
  });

  it('a crash between send and mark-sent never sends again: the row becomes unknown once its lease lapses', async () => {
    expectLoggedError(/job failed; will retry: Error: crash after send/);
    let crashes = 0;
    configureDeliveryForTests({
      leaseMs: 1000,
      afterSend: () => {
        crashes++;
        throw new Error('crash after send');
      },
    });
    const { id } = await enqueue({ channel: 'email', recipient: 'crash@example.test' });
    await runner();
    await waitFor(() => crashes === 1);
    // The job is retried, finds the row claimed and in flight, and does not send.
    await sleep(600);
    expect(await row(id)).toMatchObject({ status: 'sending' });
    expect(await deliverMessage(t.db, id)).toBe('skipped');
    await sleep(600); // the claim's lease lapses
    // The sweep settles the lapsed claim — unless the job's own retry got there first (it settles it the same way).
    await markLapsedUnknown(t.db);
    expect(await row(id)).toMatchObject({ status: 'unknown', last_error: expect.stringMatching(/lease lapsed during a send/) });
    expect(await deliverMessage(t.db, id)).toBe('skipped');
    expect(sentTo(sg, 'crash@example.test')).toBe(1);
    expect(crashes).toBe(1);

    // An admin's retry sends it again, on purpose.
    configureDeliveryForTests(null);
    expect(await retryMessages(t.db, [id])).toEqual([id]);
    await waitFor(statusIs(id, 'sent'));
    expect(sentTo(sg, 'crash@example.test')).toBe(2);
  });

  it('two workers racing for one message send it once', async () => {
    const { id } = await enqueue({ channel: 'sms', recipient: '+15556667777', body: 'race' });
    const outcomes = await Promise.all([deliverMessage(t.db, id), deliverMessage(t.db, id), deliverMessage(t.db, id)]);
    expect(outcomes.sort()).toEqual(['sent', 'skipped', 'skipped']);
    expect(sentTo(tw, '+15556667777')).toBe(1);
  });

  it('two runners draining the outbox concurrently deliver each message exactly once', async () => {
    const emails = Array.from({ length: 12 }, (_, i) => `bulk${i}@example.test`);
    const phones = Array.from({ length: 8 }, (_, i) => `+1555900${String(i).padStart(4, '0')}`);
    const ids = [
      ...(await Promise.all(emails.map((recipient) => enqueue({ channel: 'email', recipient })))),
      ...(await Promise.all(phones.map((recipient) => enqueue({ channel: 'sms', recipient, body: 'bulk' })))),
    ].map((r) => r.id);
    await Promise.all([runner(), runner()]);
    await waitFor(async () => {
      const { rows } = await t.db.query<{ n: number }>(
        `select count(*)::int as n from public.outbox_messages where id = any($1::uuid[]) and status = 'sent'`,
        [ids],
      );
      return rows[0].n === ids.length;
    });
    await sleep(300);
    for (const e of emails) expect(sentTo(sg, e)).toBe(1);
    for (const p of phones) expect(sentTo(tw, p)).toBe(1);
  });

  it("an admin's retry sends a failed message again; others are refused, and only failed/unknown rows of a real provider are retried", async () => {
    const admin = await createUser(t.db, { role: 'admin' });
    const expert = await createUser(t.db, { role: 'expert' });
    const { id } = await enqueue({ channel: 'sms', recipient: '+15558889999', body: 'x' });
    tw.script.push(400);
    await runner();
    await waitFor(statusIs(id, 'failed'));

    await expect(retryOutboxMessage(t.db, expert, id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(retryOutboxMessage(t.db, admin, crypto.randomUUID())).rejects.toMatchObject({ code: 'not_found' });
    expect(await retryOutboxMessage(t.db, admin, id)).toEqual({ status: 'pending' });
    await waitFor(statusIs(id, 'sent'));
    expect(sentTo(tw, '+15558889999')).toBe(2);
    await expect(retryOutboxMessage(t.db, admin, id)).rejects.toMatchObject({ code: 'conflict' });
    const { rows } = await t.db.query("select actor_id from public.audit_log where action = 'outbox.retry' and subject_id = $1", [id]);
    expect(rows).toEqual([{ actor_id: admin.id }]);

    const dev = await t.db.query<{ id: string }>(
      `insert into public.outbox_messages (channel, recipient, template, body, status) values ('email', 'dev@example.test', 't', 'b', 'failed') returning id`,
    );
    await expect(retryOutboxMessage(t.db, admin, dev.rows[0].id)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('Twilio through a messaging service sends MessagingServiceSid instead of From', async () => {
    const mg = 'MG' + '2'.repeat(32);
    const sender = createTwilioSender({ accountSid: SID, authToken: 'test-auth-token', messagingServiceSid: mg, baseUrl: tw.url });
    expect(await sender.send({ to: '+15551230000', body: 'via service' })).toEqual({ providerMessageId: expect.stringMatching(/^SM/) });
    expect(tw.requests.at(-1)!.form).toEqual({ To: '+15551230000', MessagingServiceSid: mg, Body: 'via service' });
  });

  it('classifies provider statuses: other 4xx are permanent; 408, 429, 5xx and no answer are retried', () => {
    expect([400, 401, 403, 404, 413, 422].map(isPermanentStatus)).toEqual([true, true, true, true, true, true]);
    expect([408, 429, 500, 502, 503, null].map(isPermanentStatus)).toEqual([false, false, false, false, false, false]);
  });

  it('a connection dropped after the request left is unknown, not resent; a refused connection is retried', async () => {
    const { id } = await enqueue({ channel: 'email', recipient: 'dropped@example.test' });
    sg.script.push(-1);
    expect(await deliverMessage(t.db, id)).toBe('unknown');
    expect(await row(id)).toMatchObject({ status: 'unknown', last_error: expect.stringMatching(/^no answer after sending.*no response/) });
    expect(await deliverMessage(t.db, id)).toBe('skipped');
    expect(sentTo(sg, 'dropped@example.test')).toBe(1);

    const refused = await enqueue({ channel: 'email', recipient: 'refused@example.test' });
    const closed = createSendgridSender({ apiKey: 'SG.test-key', from: 'team@pathwise.test', baseUrl: 'http://127.0.0.1:1' });
    configureDeliveryForTests({ senders: () => ({ email: closed }) });
    await expect(deliverMessage(t.db, refused.id)).rejects.toThrow(/ECONNREFUSED/);
    expect(await row(refused.id)).toMatchObject({ status: 'pending', attempts: 1 });
    configureDeliveryForTests(null);
    expect(await deliverMessage(t.db, refused.id, 2)).toBe('sent');
    expect(sentTo(sg, 'refused@example.test')).toBe(1);
  });
});
