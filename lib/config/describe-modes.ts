import type { TProviders } from './providers';

const LABELS: { [K in keyof TProviders]: Record<TProviders[K], string> } = {
  ai: { openai: 'AI: OpenAI', offline: 'AI: offline planner' },
  payments: { stripe: 'Payments: Stripe', simulated: 'Payments: test mode (simulated)' },
  email: { sendgrid: 'Email: SendGrid', outbox: 'Email: dev outbox' },
  sms: { twilio: 'SMS: Twilio', outbox: 'SMS: dev outbox' },
  calendar: { google: 'Calendar: Google', ics: 'Calendar: ICS' },
  video: { zoom: 'Video: Zoom', webrtc: 'Video: built-in' },
  storage: { supabase: 'Files: Supabase Storage', local: 'Files: local disk' },
};

/** One line a person can read, e.g. "AI: offline planner · Payments: test mode (simulated) · Email: dev outbox". */
export function describeModes(p: TProviders, keys: (keyof TProviders)[] = ['ai', 'payments', 'email']): string {
  return keys.map((k) => (LABELS[k] as Record<string, string>)[p[k]]).join(' · ');
}
