import 'server-only';
import { SEND_TIMEOUT_MS } from './senders';

type TTwilio = typeof import('twilio');
export type TTwilioClient = ReturnType<TTwilio>;

/**
 * A Twilio REST client. Twilio's SDK has no base-URL option (region/edge only pick another twilio.com host); with
 * `baseUrl` (tests, proxies) a custom RequestClient — the SDK's documented extension point — sends the same
 * requests there instead of https://api.twilio.com, https://verify.twilio.com, ….
 */
export async function twilioClient(o: { accountSid: string; authToken: string; baseUrl?: string }): Promise<TTwilioClient> {
  const { default: twilio } = await import('twilio');
  let httpClient = new twilio.RequestClient({ timeout: SEND_TIMEOUT_MS });
  if (o.baseUrl) {
    const base = o.baseUrl.replace(/\/$/, '');
    class RebasedClient extends twilio.RequestClient {
      request<T>(opts: Parameters<InstanceType<typeof twilio.RequestClient>['request']>[0]) {
        return super.request<T>({ ...opts, uri: opts.uri.replace(/^https:\/\/[a-z0-9.-]*twilio\.com/, base) } as typeof opts & {
          data?: T;
        });
      }
    }
    httpClient = new RebasedClient({ timeout: SEND_TIMEOUT_MS });
  }
  return twilio(o.accountSid, o.authToken, { httpClient });
}

/** Twilio Verify (v2): sends a code by SMS and checks it; Twilio keeps the code, its expiry and its rate limits. */
export function createTwilioVerify(o: { accountSid: string; authToken: string; serviceSid: string; baseUrl?: string }) {
  let client: Promise<TTwilioClient> | undefined;
  const c = () => (client ??= twilioClient(o));
  return {
    async start(to: string): Promise<{ sid: string; status: string }> {
      const v = await (await c()).verify.v2.services(o.serviceSid).verifications.create({ to, channel: 'sms' });
      return { sid: v.sid, status: v.status };
    },
    /** True when Twilio approves the code for `to`. */
    async check(to: string, code: string): Promise<boolean> {
      const r = await (await c()).verify.v2.services(o.serviceSid).verificationChecks.create({ to, code });
      return r.status === 'approved';
    },
  };
}
export type TTwilioVerify = ReturnType<typeof createTwilioVerify>;
