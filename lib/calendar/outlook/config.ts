import 'server-only';
import { env } from '@/lib/config';
import type { TOutlookConfig } from './provider';

/** Outlook's configuration from the environment, or null when MICROSOFT_CLIENT_ID/SECRET are not set. */
export function outlookConfig(): TOutlookConfig | null {
  const e = env();
  if (!e.MICROSOFT_CLIENT_ID || !e.MICROSOFT_CLIENT_SECRET) return null;
  return {
    clientId: e.MICROSOFT_CLIENT_ID,
    clientSecret: e.MICROSOFT_CLIENT_SECRET,
    tenant: e.MICROSOFT_TENANT,
    authorityHost: e.MICROSOFT_AUTHORITY_HOST ?? 'https://login.microsoftonline.com',
    graphBase: e.MICROSOFT_GRAPH_BASE ?? 'https://graph.microsoft.com',
    timeoutMs: e.CALENDAR_SYNC_TIMEOUT_MS,
  };
}

export const outlookRedirectUri = (appUrl: string) => `${appUrl.replace(/\/$/, '')}/api/calendar/outlook/callback`;
export const outlookNotifyUrl = (appUrl: string) => `${appUrl.replace(/\/$/, '')}/api/calendar/outlook/notify`;
