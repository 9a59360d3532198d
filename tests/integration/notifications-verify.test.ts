import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkPhoneVerification, startPhoneVerification } from '@/lib/notifications/phone';
import { createUser } from '../support/factories';
import { fakeTwilio, type TFakeProvider } from '../support/fake-notify-providers';
import { createTestDb, type TTestDb } from '../support/test-db';

// Phone verification through Twilio Verify (TWILIO_VERIFY_SERVICE_SID set): the real `twilio` SDK's
// verify.v2.services(sid).verifications / verificationChecks against a local server answering as Verify v2 does.

const SID = 'AC' + '3'.repeat(32);
const SERVICE = 'VA' + 'a'.repeat(32);
let t: TTestDb;
let tw: TFakeProvider;

beforeAll(async () => {
  tw = await fakeTwilio();
  vi.stubEnv('TWILIO_ACCOUNT_SID', SID);
  vi.stubEnv('TWILIO_AUTH_TOKEN', 'verify-auth-token');
  vi.stubEnv('TWILIO_FROM_NUMBER', '+15550000000');
  vi.stubEnv('TWILIO_VERIFY_SERVICE_SID', SERVICE);
  vi.stubEnv('TWILIO_BASE_URL', tw.url);
  t = await createTestDb();
});
afterAll(async () => {
  await t?.drop();
  await tw.close();
  vi.unstubAllEnvs();
});

describe('Twilio Verify', () => {
  it('sends the code through Verify, checks it there, and writes no SMS of its own', async () => {
    const u = await createUser(t.db);
    const state = await t.db.transaction((tx) => startPhoneVerification(tx, u.id, { phone: '(415) 555-0142', country: 'US' }));
    expect(state).toMatchObject({ e164: '+14155550142', pending: true, verified: false, via: 'twilio_verify' });
    const start = tw.requests.at(-1)!;
    expect(start.path).toBe(`/v2/Services/${SERVICE}/Verifications`);
    expect(start.form).toEqual({ To: '+14155550142', Channel: 'sms' });
    expect(start.headers.authorization).toBe(`Basic ${Buffer.from(`${SID}:verify-auth-token`).toString('base64')}`);
    expect((await t.db.query('select 1 from public.outbox_messages where user_id = $1', [u.id])).rows).toHaveLength(0);
    expect(
      (await t.db.query<{ code_hash: string | null }>('select code_hash from public.phone_verifications where user_id = $1', [u.id])).rows,
    ).toEqual([{ code_hash: null }]);

    const code = tw.verifyCodes.get('+14155550142')!;
    const wrong = code === '123456' ? '654321' : '123456';
    await expect(checkPhoneVerification(t.db, u.id, { code: wrong })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(tw.requests.at(-1)!).toMatchObject({
      path: `/v2/Services/${SERVICE}/VerificationCheck`,
      form: { To: '+14155550142', Code: wrong },
    });
    expect(await checkPhoneVerification(t.db, u.id, { code })).toMatchObject({ verified: true, smsOptIn: false });
  });

  it("answers Verify's refusals clearly: 429 → rate limited, a Verify 404 on check → ask for a new code", async () => {
    const u = await createUser(t.db);
    tw.script.push(429);
    await expect(t.db.transaction((tx) => startPhoneVerification(tx, u.id, { phone: '+14155550143' }))).rejects.toMatchObject({
      code: 'rate_limited',
    });
    await t.db.transaction((tx) => startPhoneVerification(tx, u.id, { phone: '+14155550143' }));
    tw.verifyCodes.delete('+14155550143'); // expired at Twilio
    await expect(checkPhoneVerification(t.db, u.id, { code: '123456' })).rejects.toMatchObject({ code: 'conflict' });
  });
});
