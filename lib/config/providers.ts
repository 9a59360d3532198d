import type { TEnv } from './env';

export type TProviders = {
  ai: 'openai' | 'offline';
  payments: 'stripe' | 'simulated';
  email: 'sendgrid' | 'outbox';
  sms: 'twilio' | 'outbox';
  calendar: 'google' | 'ics';
  video: 'zoom' | 'webrtc';
  storage: 'supabase' | 'local';
};

/** Which implementation each external service runs on, decided by the environment alone. */
export function resolveProviders(e: TEnv): TProviders {
  return {
    ai: e.OPENAI_API_KEY ? 'openai' : 'offline',
    payments: e.STRIPE_SECRET_KEY ? 'stripe' : 'simulated',
    email: e.SENDGRID_API_KEY ? 'sendgrid' : 'outbox',
    sms: e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN && e.TWILIO_FROM_NUMBER ? 'twilio' : 'outbox',
    calendar: e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET ? 'google' : 'ics',
    video: e.ZOOM_ACCOUNT_ID && e.ZOOM_CLIENT_ID && e.ZOOM_CLIENT_SECRET ? 'zoom' : 'webrtc',
    storage: e.SUPABASE_URL && e.SUPABASE_SERVICE_ROLE_KEY ? 'supabase' : 'local',
  };
}
