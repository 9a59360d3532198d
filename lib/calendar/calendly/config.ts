import 'server-only';
import { env } from '@/lib/config';
import type { TCalendlyConfig } from './provider';

export function calendlyConfig(): TCalendlyConfig {
  const e = env();
  return {
    clientId: e.CALENDLY_CLIENT_ID ?? null,
    clientSecret: e.CALENDLY_CLIENT_SECRET ?? null,
    apiBase: (e.CALENDLY_API_BASE ?? 'https://api.calendly.com').replace(/\/$/, ''),
    authBase: (e.CALENDLY_AUTH_BASE ?? 'https://auth.calendly.com').replace(/\/$/, ''),
    timeoutMs: e.CALENDAR_SYNC_TIMEOUT_MS,
  };
}

export const calendlyRedirectUri = (appUrl: string) => `${appUrl.replace(/\/$/, '')}/api/calendar/calendly/callback`;
export const calendlyWebhookUrl = (appUrl: string, connectionId: string) =>
  `${appUrl.replace(/\/$/, '')}/api/calendar/calendly/webhook?c=${encodeURIComponent(connectionId)}`;
