import 'server-only';
import type sgMail from '@sendgrid/mail';
import type { TEnv } from '@/lib/config';

// The SDKs are imported at the first send, so a run without keys (the dev outbox) never loads them.
type TMail = typeof sgMail;
type TTwilioClient = ReturnType<typeof import('twilio')>;

// The providers that deliver the outbox (lib/notifications/deliver.ts): SendGrid for email, Twilio for SMS,
// each through its own SDK, each switched on by its env vars (lib/config/env.ts, .env.example).

export type TAttachment = { filename: string; type: string; content: string /* base64 */; disposition?: 'attachment' | 'inline' };

export type TEmail = {
  to: string;
  from: string;
  subject: string;
  text: string;
  html?: string | null;
  attachments?: TAttachment[] | null;
};
export type TSms = { to: string; body: string };

/** A provider call is given up after this long (a retryable error), well inside the claim's 60 s lease. */
export const SEND_TIMEOUT_MS = 20_000;

export type TSendResult = { providerMessageId: string | null };

export type TSenders = {
  email?: { name: 'sendgrid'; from: string; send(m: TEmail): Promise<TSendResult> };
  sms?: { name: 'twilio'; send(m: TSms): Promise<TSendResult> };
};

/**
 * A provider's refusal. `permanent`: sending the same request again cannot succeed (a 4xx other than 408/429:
 * bad address, bad key, unverified sender), so the message is marked failed at once. `ambiguous`: no answer
 * after the request may have left (timeout, connection reset), so the provider may have it: the message is
 * marked unknown rather than resent. Otherwise it is retried.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly permanent: boolean,
    readonly ambiguous = false,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export function isPermanentStatus(status: number | null): boolean {
  return status !== null && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** Network errors raised before a request can have reached the provider: safe to send again. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_INVALID_URL']);

function toDeliveryError(provider: string, err: unknown, status: number | null, detail: string): DeliveryError {
  const msg = err instanceof Error ? err.message : String(err);
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : '';
  return new DeliveryError(
    `${provider}: ${status ?? `no response${code ? ` (${code})` : ''}`} ${msg}${detail ? ` — ${detail}` : ''}`.slice(0, 1000),
    status,
    isPermanentStatus(status),
    status === null && !NOT_SENT_CODES.has(code),
  );
}

export function createSendgridSender(o: { apiKey: string; from: string; baseUrl?: string }): NonNullable<TSenders['email']> {
  let mail: Promise<TMail> | undefined;
  const load = async (): Promise<TMail> => {
    const { default: sgClient } = await import('@sendgrid/client');
    const { default: sgMailModule } = await import('@sendgrid/mail');
    // One client per sender (not the SDK's module singleton), so its base URL is this sender's own. Both
    // packages export their class next to the singleton (index.js), though their typings omit it.
    const client = new (sgClient as unknown as { Client: new () => typeof sgClient }).Client();
    client.setApiKey(o.apiKey);
    if (o.baseUrl) client.setDefaultRequest('baseUrl', o.baseUrl);
    // Merged into the axios request (client.js createRequest); the typings list only SendGrid's own keys.
    (client.setDefaultRequest as (key: string, value: unknown) => unknown).call(client, 'timeout', SEND_TIMEOUT_MS);
    const m = new (sgMailModule as unknown as { MailService: new () => TMail }).MailService();
    m.setClient(client);
    return m;
  };
  return {
    name: 'sendgrid',
    from: o.from,
    async send(m) {
      try {
        mail ??= load();
        const [res] = await (
          await mail
        ).send({
          to: m.to,
          from: m.from,
          subject: m.subject,
          text: m.text,
          ...(m.html ? { html: m.html } : {}),
          ...(m.attachments?.length
            ? { attachments: m.attachments.map((a) => ({ ...a, disposition: a.disposition ?? 'attachment' })) }
            : {}),
        });
        const id = res.headers['x-message-id'];
        return { providerMessageId: typeof id === 'string' ? id : null };
      } catch (err) {
        const e = err as { code?: number; response?: { body?: unknown } };
        const status = typeof e.code === 'number' ? e.code : null;
        throw toDeliveryError('SendGrid', err, status, e.response?.body ? JSON.stringify(e.response.body).slice(0, 300) : '');
      }
    },
  };
}

export function createTwilioSender(o: {
  accountSid: string;
  authToken: string;
  from?: string;
  messagingServiceSid?: string;
  baseUrl?: string;
}): NonNullable<TSenders['sms']> {
  let client: Promise<TTwilioClient> | undefined;
  // twilio-client.ts (imported at the first send, like the SDK) points the client at `baseUrl` when one is set.
  const load = async (): Promise<TTwilioClient> => (await import('./twilio-client')).twilioClient(o);
  return {
    name: 'twilio',
    async send(m) {
      try {
        client ??= load();
        const msg = await (
          await client
        ).messages.create({
          to: m.to,
          body: m.body,
          ...(o.messagingServiceSid ? { messagingServiceSid: o.messagingServiceSid } : { from: o.from }),
        });
        return { providerMessageId: msg.sid ?? null };
      } catch (err) {
        const e = err as { status?: number; code?: number };
        throw toDeliveryError('Twilio', err, typeof e.status === 'number' ? e.status : null, e.code ? `code ${e.code}` : '');
      }
    },
  };
}

/** The senders the environment switches on; a channel without keys has none (the dev outbox). */
export function sendersFromEnv(e: TEnv): TSenders {
  const s: TSenders = {};
  if (e.SENDGRID_API_KEY) s.email = createSendgridSender({ apiKey: e.SENDGRID_API_KEY, from: e.EMAIL_FROM, baseUrl: e.SENDGRID_BASE_URL });
  if (e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN)
    s.sms = createTwilioSender({
      accountSid: e.TWILIO_ACCOUNT_SID,
      authToken: e.TWILIO_AUTH_TOKEN,
      from: e.TWILIO_FROM_NUMBER,
      messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID,
      baseUrl: e.TWILIO_BASE_URL,
    });
  return s;
}
