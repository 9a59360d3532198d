import type { TEnv } from './env';

/**
 * Which implementation each external service runs on, for the services this version implements. Payments,
 * calendars and video have no implementation yet (later issues), so they are not reported at all; email and
 * SMS have only the dev outbox — their provider keys stop the server at start-up (NOT_IMPLEMENTED in env.ts).
 */
export type TProviders = {
  ai: 'openai' | 'offline';
  email: 'outbox';
  sms: 'outbox';
  storage: 'supabase' | 'local';
};

/** Decided by the environment alone. */
export function resolveProviders(e: TEnv): TProviders {
  return {
    ai: e.OPENAI_API_KEY ? 'openai' : 'offline',
    email: 'outbox',
    sms: 'outbox',
    storage: e.SUPABASE_URL && e.SUPABASE_SERVICE_ROLE_KEY ? 'supabase' : 'local',
  };
}
