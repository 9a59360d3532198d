import 'server-only';
import { google, type calendar_v3 } from 'googleapis';
import { OAuth2Client } from 'google-auth-library';
import { env } from '@/lib/config';
import { CalendarProviderError, type TCalendarTokens } from '../types';

// The googleapis SDK, configured from the environment. GOOGLE_OAUTH_BASE / GOOGLE_API_BASE point both the OAuth
// client and the Calendar API at another host (tests' fake Google); unset, the SDK's own Google endpoints are used.

export const GOOGLE_SCOPES = [
  // Calendar list, free/busy, events.list with sync tokens and events.watch channels.
  'https://www.googleapis.com/auth/calendar.readonly',
  // Create, patch and delete the session events Pathwise writes into the chosen calendar.
  'https://www.googleapis.com/auth/calendar.events',
];

export function googleConfigured(): boolean {
  const e = env();
  return !!(e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET);
}

export function oauthClient(redirectUri?: string): OAuth2Client {
  const e = env();
  const base = e.GOOGLE_OAUTH_BASE?.replace(/\/$/, '');
  return new OAuth2Client({
    clientId: e.GOOGLE_CLIENT_ID,
    clientSecret: e.GOOGLE_CLIENT_SECRET,
    redirectUri,
    ...(base
      ? {
          endpoints: {
            oauth2AuthBaseUrl: `${base}/o/oauth2/v2/auth`,
            oauth2TokenUrl: `${base}/token`,
            oauth2RevokeUrl: `${base}/revoke`,
            tokenInfoUrl: `${base}/tokeninfo`,
          },
        }
      : {}),
  });
}

/** A Calendar v3 client acting with `tokens` (never refreshing on its own: lib/calendar/connections does that). */
export function calendarApi(tokens: TCalendarTokens): calendar_v3.Calendar {
  const auth = oauthClient();
  // No refresh token here: an expired access token fails the call (401) instead of refreshing behind the
  // store's back, whose refresh re-seals the new token.
  auth.setCredentials({ access_token: tokens.accessToken, expiry_date: null });
  const e = env();
  return google.calendar({
    version: 'v3',
    auth,
    rootUrl: e.GOOGLE_API_BASE ? e.GOOGLE_API_BASE.replace(/\/?$/, '/') : undefined,
    timeout: e.CALENDAR_SYNC_TIMEOUT_MS,
    retry: false,
  });
}

type TGaxiosLike = {
  status?: number;
  code?: string | number;
  response?: { status?: number; data?: unknown };
  message?: string;
  name?: string;
};

export function statusOf(e: unknown): number | undefined {
  const g = e as TGaxiosLike;
  return g?.response?.status ?? (typeof g?.status === 'number' ? g.status : undefined);
}

/** Maps a googleapis / gaxios failure to the provider error kinds the sync layer acts on. */
export function toProviderError(e: unknown, what: string): CalendarProviderError {
  if (e instanceof CalendarProviderError) return e;
  const g = e as TGaxiosLike;
  const status = statusOf(e);
  const data = g?.response?.data as { error?: unknown; error_description?: string } | undefined;
  const oauthError = typeof data?.error === 'string' ? data.error : undefined;
  const msg = `${what}: ${g?.message ?? String(e)}`;
  if (oauthError === 'invalid_grant' || oauthError === 'unauthorized_client') return new CalendarProviderError('revoked', msg, e);
  if (status === 401) return new CalendarProviderError('revoked', msg, e);
  if (status === 429 || (status === 403 && /rate ?limit/i.test(msg))) return new CalendarProviderError('rate_limited', msg, e);
  if (status === 404 || status === 410) return new CalendarProviderError('not_found', msg, e);
  if (
    g?.name === 'AbortError' ||
    g?.name === 'TimeoutError' ||
    g?.code === 'ETIMEDOUT' ||
    g?.code === 'ECONNABORTED' ||
    /time ?out|aborted/i.test(g?.message ?? '')
  )
    return new CalendarProviderError('timeout', msg, e);
  return new CalendarProviderError('unavailable', msg, e);
}
