import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { enqueueMessage } from '@/lib/notifications/enqueue-message';
import { createTestDb, type TTestDb } from '../support/test-db';

// The default run has no SendGrid or Twilio keys: messages stay in the dev outbox, as before delivery existed.
let t: TTestDb;
beforeAll(async () => {
  for (const v of ['SENDGRID_API_KEY', 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM_NUMBER']) vi.stubEnv(v, '');
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
  vi.unstubAllEnvs();
});

describe('dev outbox (no provider keys)', () => {
  it('writes the row as provider "outbox", pending, and queues no delivery job', async () => {
    const email = await t.db.transaction((tx) =>
      enqueueMessage(tx, { channel: 'email', recipient: 'dev@example.test', template: 't', body: 'hello', html: '<p>hello</p>' }),
    );
    const sms = await t.db.transaction((tx) =>
      enqueueMessage(tx, { channel: 'sms', recipient: '+15550001111', template: 't', body: 'hi' }),
    );
    const { rows } = await t.db.query<{ provider: string; status: string }>(
      'select provider, status from public.outbox_messages where id = any($1::uuid[])',
      [[email.id, sms.id]],
    );
    expect(rows).toEqual([
      { provider: 'outbox', status: 'pending' },
      { provider: 'outbox', status: 'pending' },
    ]);
    const jobs = await t.db.query("select 1 from public.jobs where name = 'notifications.deliver'");
    expect(jobs.rows).toHaveLength(0);
  });
});
