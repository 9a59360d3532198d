// The interface every calendar provider implements (Google, Outlook, Calendly). lib/calendar's sync jobs,
// the connection store and the UI work only through it; each provider lives in its own folder
// (lib/calendar/google, lib/calendar/outlook, lib/calendar/calendly) and registers in lib/calendar/providers.ts.

export type TCalendarProviderId = 'google' | 'outlook' | 'calendly';

/** Decrypted token set, as stored (encrypted) in calendar_connections.tokens_enc. */
export type TCalendarTokens = {
  accessToken: string;
  refreshToken?: string | null;
  /** Epoch ms. */
  expiresAt?: number | null;
  scope?: string | null;
  /** Calendly's organisation/user URIs and the like. */
  extra?: Record<string, string>;
};

export type TCalendarInfo = { id: string; name: string; primary: boolean; canWrite: boolean };

export type TBusyInterval = { start: Date; end: Date; externalId: string };

/** A change feed read: the intervals now busy in [from, to), or only the changes since `cursor`. */
export type TBusyRead = {
  /** Full replacement of the window's blocks (true), or incremental upserts/deletes (false). */
  full: boolean;
  upserts: TBusyInterval[];
  deletedExternalIds: string[];
  /** Opaque: sync token / delta link / last-seen time to pass next time. */
  cursor: string | null;
};

export type TSessionEvent = {
  bookingId: string;
  sequence: number;
  title: string;
  description: string;
  start: Date;
  end: Date;
  /** Both people's addresses; the provider decides whether to send invitations (we do not). */
  attendees: { email: string; name: string }[];
  joinUrl: string | null;
  /** Ask the provider for a video conference (Google Meet) on this event. */
  conference?: 'google_meet' | null;
};

export type TCalendarErrorKind = 'revoked' | 'timeout' | 'rate_limited' | 'unavailable' | 'not_found';

/** What providers throw so the sync layer can tell a revoked grant ("Reconnect") from a passing outage. */
export class CalendarProviderError extends Error {
  constructor(
    readonly kind: TCalendarErrorKind,
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'CalendarProviderError';
  }
}

export type TCalendarProvider = {
  id: TCalendarProviderId;
  label: string;
  /** Configured from the environment (client ids etc.); an unconfigured provider shows no Connect button. */
  configured(): boolean;
  /** OAuth providers: where to send the expert (state carries CSRF + user). Token providers: null. */
  authUrl(opts: { state: string; redirectUri: string; loginHint?: string }): string | null;
  /** Exchanges the OAuth code (or validates a personal access token) into tokens + account identity. */
  connect(opts: { code?: string; personalToken?: string; redirectUri: string }): Promise<{
    tokens: TCalendarTokens;
    accountId: string;
    accountEmail: string | null;
  }>;
  /** Returns fresh tokens when these expire within `skewMs` (default 5 min), else null. Throws 'revoked'. */
  refresh(tokens: TCalendarTokens, skewMs?: number): Promise<TCalendarTokens | null>;
  listCalendars(tokens: TCalendarTokens): Promise<TCalendarInfo[]>;
  /** Busy time over [from, to) of `calendarIds`; with `cursor`, only what changed since. */
  readBusy(tokens: TCalendarTokens, opts: { calendarIds: string[]; from: Date; to: Date; cursor?: string | null }): Promise<TBusyRead>;
  /** Idempotent by bookingId: create, or update the event that carries it. Returns the provider's event id. */
  upsertEvent?(
    tokens: TCalendarTokens,
    calendarId: string,
    ev: TSessionEvent,
    existingEventId?: string | null,
  ): Promise<{
    eventId: string;
    joinUrl?: string | null;
  }>;
  deleteEvent?(tokens: TCalendarTokens, calendarId: string, eventId: string): Promise<void>;
};
