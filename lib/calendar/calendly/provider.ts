import 'server-only';
import { z } from 'zod';
import { CalendarProviderError, type TBusyInterval, type TCalendarProvider, type TCalendarTokens } from '../types';

// Calendly (API v2) as a source of busy time: the events people booked with the expert through Calendly
// (GET /scheduled_events, active, paginated) block Pathwise slots. Calendly has no calendar Pathwise could write
// to, so there is no upsertEvent. Connect with a personal access token pasted on the card, or OAuth when
// CALENDLY_CLIENT_ID/SECRET are set. No official Node SDK: plain fetch, with a timeout on every call.
// docs/calendars.md § Calendly.

export type TCalendlyConfig = {
  clientId: string | null;
  clientSecret: string | null;
  /** https://api.calendly.com unless a test points it at a local server. */
  apiBase: string;
  /** https://auth.calendly.com unless a test points it at a local server. */
  authBase: string;
  timeoutMs: number;
};

/** The one pseudo-calendar a Calendly account has: its scheduled events. */
export const CALENDLY_EVENTS_CALENDAR = 'scheduled_events';
const MAX_PAGES = 40;

const ZTokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().nullish(),
  expires_in: z.number().nullish(),
  scope: z.string().nullish(),
  owner: z.string().nullish(),
  organization: z.string().nullish(),
});
const ZMe = z.object({
  resource: z.object({
    uri: z.string(),
    email: z.string().nullish(),
    current_organization: z.string().nullish(),
    name: z.string().nullish(),
  }),
});
const ZEventsPage = z.object({
  collection: z.array(z.object({ uri: z.string(), status: z.string(), start_time: z.string(), end_time: z.string() })),
  pagination: z.object({ next_page: z.string().nullish(), next_page_token: z.string().nullish() }).partial().optional(),
});

/** The event's uuid: the last segment of its URI (what webhooks and the API both carry). */
export const calendlyEventId = (uri: string) => uri.replace(/\/$/, '').split('/').pop() ?? uri;

export async function calendlyFetch(
  cfg: TCalendlyConfig,
  url: string,
  init: { method?: string; token?: string; json?: unknown; form?: Record<string, string> } = {},
): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  }
  let res: Response;
  try {
    res = await fetch(url, { method: init.method ?? 'GET', headers, body, signal: AbortSignal.timeout(cfg.timeoutMs) });
  } catch (e) {
    if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError'))
      throw new CalendarProviderError('timeout', `Calendly did not answer within ${cfg.timeoutMs} ms`, e);
    throw new CalendarProviderError('unavailable', `Calendly could not be reached: ${String(e)}`, e);
  }
  const text = await res.text().catch(() => '');
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (res.ok) return data;
  const code = (data as { error?: string; title?: string } | null)?.error ?? (data as { title?: string } | null)?.title ?? '';
  if (res.status === 401 || code === 'invalid_grant')
    throw new CalendarProviderError('revoked', `Calendly refused the token (${res.status} ${code})`);
  if (res.status === 404) throw new CalendarProviderError('not_found', `Calendly: not found (${url})`);
  if (res.status === 429) throw new CalendarProviderError('rate_limited', 'Calendly is rate-limiting requests (429)');
  throw new CalendarProviderError('unavailable', `Calendly answered ${res.status} ${code}`.trim());
}

function tokensFrom(a: z.infer<typeof ZTokenAnswer>, now = Date.now()): TCalendarTokens {
  return {
    accessToken: a.access_token,
    refreshToken: a.refresh_token ?? null,
    expiresAt: a.expires_in ? now + a.expires_in * 1000 : null,
    scope: a.scope ?? 'default',
    extra: { ...(a.owner ? { userUri: a.owner } : {}), ...(a.organization ? { organizationUri: a.organization } : {}) },
  };
}

async function me(cfg: TCalendlyConfig, token: string) {
  return ZMe.parse(await calendlyFetch(cfg, `${cfg.apiBase}/users/me`, { token })).resource;
}

export function createCalendlyProvider(cfg: TCalendlyConfig): TCalendarProvider {
  const oauth = !!(cfg.clientId && cfg.clientSecret);
  return {
    id: 'calendly',
    label: 'Calendly',
    // A personal access token needs no app registration, so Calendly can always be connected.
    configured: () => true,

    authUrl({ state, redirectUri }) {
      if (!oauth) return null;
      const u = new URL(`${cfg.authBase}/oauth/authorize`);
      u.searchParams.set('client_id', cfg.clientId!);
      u.searchParams.set('response_type', 'code');
      u.searchParams.set('redirect_uri', redirectUri);
      u.searchParams.set('state', state);
      return u.toString();
    },

    async connect({ code, personalToken, redirectUri }) {
      let tokens: TCalendarTokens;
      if (personalToken) {
        tokens = { accessToken: personalToken.trim(), refreshToken: null, expiresAt: null, scope: 'personal_access_token' };
      } else if (code && oauth) {
        const a = ZTokenAnswer.parse(
          await calendlyFetch(cfg, `${cfg.authBase}/oauth/token`, {
            method: 'POST',
            form: {
              grant_type: 'authorization_code',
              code,
              redirect_uri: redirectUri,
              client_id: cfg.clientId!,
              client_secret: cfg.clientSecret!,
            },
          }),
        );
        tokens = tokensFrom(a);
      } else {
        throw new CalendarProviderError('unavailable', 'Paste a Calendly personal access token to connect.');
      }
      const user = await me(cfg, tokens.accessToken);
      tokens.extra = {
        ...tokens.extra,
        userUri: user.uri,
        ...(user.current_organization ? { organizationUri: user.current_organization } : {}),
      };
      return { tokens, accountId: user.uri, accountEmail: user.email ?? null };
    },

    async refresh(tokens, skewMs = 5 * 60_000) {
      if (!tokens.expiresAt || tokens.expiresAt - Date.now() > skewMs) return null; // personal tokens do not expire
      if (!tokens.refreshToken || !oauth) throw new CalendarProviderError('revoked', 'Calendly access expired and cannot be refreshed');
      const a = ZTokenAnswer.parse(
        await calendlyFetch(cfg, `${cfg.authBase}/oauth/token`, {
          method: 'POST',
          form: {
            grant_type: 'refresh_token',
            refresh_token: tokens.refreshToken,
            client_id: cfg.clientId!,
            client_secret: cfg.clientSecret!,
          },
        }),
      );
      const next = tokensFrom(a);
      return { ...next, refreshToken: next.refreshToken ?? tokens.refreshToken, extra: { ...tokens.extra, ...next.extra } };
    },

    listCalendars() {
      return Promise.resolve([{ id: CALENDLY_EVENTS_CALENDAR, name: 'Calendly scheduled events', primary: true, canWrite: false }]);
    },

    // Calendly offers no change feed, so every read is the window in full (webhooks say when to read again).
    async readBusy(tokens, { calendarIds, from, to }) {
      if (!calendarIds.includes(CALENDLY_EVENTS_CALENDAR)) return { full: true, upserts: [], deletedExternalIds: [], cursor: null };
      const userUri = tokens.extra?.userUri ?? (await me(cfg, tokens.accessToken)).uri;
      const upserts: TBusyInterval[] = [];
      const first = new URL(`${cfg.apiBase}/scheduled_events`);
      first.searchParams.set('user', userUri);
      first.searchParams.set('min_start_time', from.toISOString());
      first.searchParams.set('max_start_time', to.toISOString());
      first.searchParams.set('status', 'active');
      first.searchParams.set('count', '100');
      first.searchParams.set('sort', 'start_time:asc');
      let url: string | null = first.toString();
      for (let page = 0; url && page < MAX_PAGES; page++) {
        const p = ZEventsPage.parse(await calendlyFetch(cfg, url, { token: tokens.accessToken }));
        for (const e of p.collection)
          if (e.status === 'active')
            upserts.push({ start: new Date(e.start_time), end: new Date(e.end_time), externalId: calendlyEventId(e.uri) });
        url = p.pagination?.next_page ?? null;
      }
      return { full: true, upserts, deletedExternalIds: [], cursor: null };
    },
  };
}
