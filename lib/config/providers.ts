import type { TEnv } from './env';

/**
 * Which implementation each external service runs on, for the services this version implements. Payments
 * go through Stripe Checkout with a key and the simulated test-mode page without; calendars and
 * video have no implementation yet, so they are not reported at all. Email goes through SendGrid and SMS through
 * Twilio when their keys are set, otherwise to the dev outbox (lib/notifications).
 */
export type TProviders = {
  ai: 'openai' | 'offline';
  email: 'sendgrid' | 'outbox';
  sms: 'twilio' | 'outbox';
  storage: 'supabase' | 'local';
  /** Stripe Checkout when STRIPE_SECRET_KEY is set; otherwise the simulated test-mode payment page (lib/payments). */
  payments: 'stripe' | 'simulated';
};

/** Decided by the environment alone. */
export function resolveProviders(e: TEnv): TProviders {
  return {
    ai: e.OPENAI_API_KEY ? 'openai' : 'offline',
    email: e.SENDGRID_API_KEY ? 'sendgrid' : 'outbox',
    sms: e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN ? 'twilio' : 'outbox',
    storage: e.SUPABASE_URL && e.SUPABASE_SERVICE_ROLE_KEY ? 'supabase' : 'local',
    payments: e.STRIPE_SECRET_KEY ? 'stripe' : 'simulated',
  };
}
