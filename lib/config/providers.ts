import type { TEnv } from './env';

/**
 * Which implementation each external service runs on, for the services this version implements. Payments
 * go through Stripe Checkout with a key and the simulated test-mode page without; calendars report Google when its client is
 * set (ICS files otherwise); video is the built-in room, with Zoom links too when configured. Email goes through SendGrid and SMS through
 * Twilio when their keys are set, otherwise to the dev outbox (lib/notifications).
 */
export type TProviders = {
  ai: 'openai' | 'offline';
  email: 'sendgrid' | 'outbox';
  sms: 'twilio' | 'outbox';
  storage: 'supabase' | 'local';
  /** Stripe Checkout when STRIPE_SECRET_KEY is set; otherwise the simulated test-mode payment page (lib/payments). */
  payments: 'stripe' | 'simulated';
  /** Google Calendar sync when its OAuth client is set; otherwise sessions travel as ICS files only. */
  calendar: 'google' | 'ics';
  /** Session video: the built-in room always; Zoom links too when its Server-to-Server app is configured. */
  video: 'builtin' | 'zoom';
  /** The second payout rail (lib/payments/paypal): on when PAYPAL_CLIENT_ID, _SECRET and _WEBHOOK_ID are set. */
  paypal: 'paypal' | 'off';
};

/** Decided by the environment alone. */
export function resolveProviders(e: TEnv): TProviders {
  return {
    ai: e.OPENAI_API_KEY ? 'openai' : 'offline',
    email: e.SENDGRID_API_KEY ? 'sendgrid' : 'outbox',
    sms: e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN ? 'twilio' : 'outbox',
    storage: e.SUPABASE_URL && e.SUPABASE_SERVICE_ROLE_KEY ? 'supabase' : 'local',
    payments: e.STRIPE_SECRET_KEY ? 'stripe' : 'simulated',
    calendar: e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET ? 'google' : 'ics',
    video: e.ZOOM_ACCOUNT_ID && e.ZOOM_CLIENT_ID && e.ZOOM_CLIENT_SECRET ? 'zoom' : 'builtin',
    paypal: e.PAYPAL_CLIENT_ID && e.PAYPAL_CLIENT_SECRET && e.PAYPAL_WEBHOOK_ID ? 'paypal' : 'off',
  };
}
