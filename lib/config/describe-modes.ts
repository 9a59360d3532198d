import type { TProviders } from './providers';

const LABELS: { [K in keyof TProviders]: Record<TProviders[K], string> } = {
  ai: { openai: 'AI: OpenAI', offline: 'AI: offline planner' },
  email: { outbox: 'Email: dev outbox', sendgrid: 'Email: SendGrid' },
  sms: { outbox: 'SMS: dev outbox', twilio: 'SMS: Twilio' },
  storage: { supabase: 'Files: Supabase Storage', local: 'Files: local disk' },
  payments: { simulated: 'Payments: test mode — no Stripe key set', stripe: 'Payments: Stripe' },
};

/** One line a person can read, e.g. "AI: offline planner · Email: dev outbox". */
export function describeModes(p: TProviders, keys: (keyof TProviders)[] = ['ai', 'email', 'payments']): string {
  return keys.map((k) => (LABELS[k] as Record<string, string>)[p[k]]).join(' · ');
}
